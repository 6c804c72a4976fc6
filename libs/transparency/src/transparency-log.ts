import { CheckpointFormatError, checkpointText, parseCheckpointText } from './notes/checkpoint.js';
import type { SignerKey, VerifierKey } from './notes/note-keys.js';
import { NoteFormatError, parseNote, signNote, verifiedBy } from './notes/signed-note.js';
import type { CheckpointsFile, KeptCheckpoint } from './tree/checkpoints-file.js';
import type { MerkleTreeFile } from './tree/merkle-tree-file.js';

/** The tree no longer extends what the log signed before: it must not sign it (C2SP tlog-checkpoint). */
export class InconsistentTreeError extends Error {
  override readonly name = 'InconsistentTreeError';
}

/** A cosignature refused: not for a checkpoint this log signed, or from no witness it knows. */
export class CosignatureRefusedError extends Error {
  override readonly name = 'CosignatureRefusedError';
}

export interface TransparencySettings {
  readonly origin: string;
  readonly signer: SignerKey;
  /** The witnesses whose cosignatures are kept and served (cosignature/v1 verifier keys). */
  readonly witnesses: readonly VerifierKey[];
}

/**
 * The log's transparency side: signs checkpoints of the tree (C2SP tlog-checkpoint, as a
 * signed note), keeps every one, and keeps and serves witnesses' cosignatures of them.
 */
export class TransparencyLog {
  constructor(
    readonly tree: MerkleTreeFile,
    readonly checkpoints: CheckpointsFile,
    private readonly settings: TransparencySettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get verifierKey(): string {
    return this.settings.signer.verifier.text;
  }

  /**
   * Signs a checkpoint of the tree as it stands, unless the last one already has its size;
   * answers the latest. Refuses (InconsistentTreeError) when the tree does not extend the last
   * checkpoint: a tree rebuilt from a log rewritten since must not be signed over it.
   */
  checkpoint(): KeptCheckpoint {
    const latest = this.checkpoints.latest();
    const size = this.tree.size;
    if (latest !== undefined && latest.size >= size) {
      if (latest.size > size)
        throw new InconsistentTreeError(
          `the tree has ${size} leaves, fewer than the ${latest.size} of the last checkpoint`,
        );
      return latest;
    }
    if (latest !== undefined) {
      const signed = parseCheckpointText(parseNote(latest.note).text);
      if (!this.tree.root(signed.size).equals(signed.root)) {
        throw new InconsistentTreeError(
          `the tree's first ${signed.size} leaves no longer hash to the last checkpoint's root`,
        );
      }
    }
    const text = checkpointText({ origin: this.settings.origin, size, root: this.tree.root(size) });
    this.checkpoints.add(size, signNote(text, this.settings.signer), this.now());
    return this.checkpoints.at(size) as KeptCheckpoint;
  }

  /** A kept checkpoint as served: the log's note with the witnesses' cosignature lines after its signature. */
  static served(kept: KeptCheckpoint): string {
    return kept.note + kept.cosignatures.join('');
  }

  /**
   * Keeps the cosignatures of configured witnesses found on `note`, a checkpoint this log signed;
   * answers its size and the witnesses kept.
   */
  addCosignatures(note: string): { size: number; witnesses: string[] } {
    let text: string;
    let size: number;
    let parsed;
    try {
      parsed = parseNote(note);
      text = parsed.text;
      size = parseCheckpointText(text).size;
    } catch (error) {
      if (error instanceof NoteFormatError || error instanceof CheckpointFormatError) {
        throw new CosignatureRefusedError(`not a cosigned checkpoint: ${error.message}`);
      }
      throw error;
    }
    const kept = this.checkpoints.at(size);
    if (kept === undefined || parseNote(kept.note).text !== text) {
      throw new CosignatureRefusedError(`this log signed no checkpoint with that text (size ${size})`);
    }
    const lines = this.settings.witnesses.flatMap((witness) =>
      verifiedBy(parsed, witness)
        .slice(0, 1)
        .map((signature) => ({ witness: witness.name, line: signature.line })),
    );
    if (lines.length === 0)
      throw new CosignatureRefusedError(
        'no cosignature on it verifies with a witness key this log is configured with (WITNESS_KEYS)',
      );
    this.checkpoints.addCosignatures(size, lines);
    return { size, witnesses: lines.map((l) => l.witness) };
  }
}
