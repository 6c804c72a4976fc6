import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecordedEvent } from '#event-store';
import { removeDatabase, syncFile } from '#projections';
import { CheckpointsFile, MerkleTreeFile, parseCheckpointText, parseNote } from '#transparency';
import { CHECKPOINTS_FILE, TREE_FILE } from '../../transparency/transparency.tokens.js';

export interface TreeRebuild {
  readonly leaves: number;
  /** The part of the rebuild spent on the tree. */
  readonly seconds: number;
  /** Why the rebuilt tree was not put in place: it does not extend the last checkpoint the log signed. */
  readonly refused?: string;
}

/**
 * The log's tree built anew, fed the same pages of the log as the read models' rebuild (one read
 * of the log for both), beside the current file; moved into place only if it extends the last
 * checkpoint signed: a tree rebuilt from a rewritten log never replaces the one that names what
 * the checkpoints signed (verify --checkpoint reads it).
 */
export class TreeRebuilding {
  private spent = 0;

  private constructor(
    private readonly tree: MerkleTreeFile,
    private readonly localDir: string,
  ) {}

  static start(localDir: string): TreeRebuilding {
    const building = `${join(localDir, TREE_FILE)}.rebuild`;
    removeDatabase(building);
    return new TreeRebuilding(MerkleTreeFile.open(building, { bulk: true }), localDir);
  }

  apply(events: readonly RecordedEvent[]): void {
    const started = performance.now();
    this.tree.apply(events);
    this.spent += performance.now() - started;
  }

  /** Puts the tree in place (unless it contradicts the last checkpoint); answers what was done. */
  finish(): TreeRebuild {
    const started = performance.now();
    const target = join(this.localDir, TREE_FILE);
    const building = `${target}.rebuild`;
    let refused: string | undefined;
    const leaves = this.tree.size;
    try {
      this.tree.finishBulk();
      refused = disagreement(this.tree, join(this.localDir, CHECKPOINTS_FILE));
    } finally {
      this.tree.close();
    }
    if (refused === undefined) {
      syncFile(building);
      for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
      renameSync(building, target);
      syncFile(dirname(target));
    }
    this.spent += performance.now() - started;
    return { leaves, seconds: this.spent / 1000, ...(refused === undefined ? {} : { refused }) };
  }

  /** A rebuild that failed: the file being built is thrown away. */
  abandon(): void {
    this.tree.close();
    removeDatabase(`${join(this.localDir, TREE_FILE)}.rebuild`);
  }
}

/** Whether the tree disagrees with the last checkpoint kept beside it, and how. */
function disagreement(tree: MerkleTreeFile, checkpointsFile: string): string | undefined {
  const checkpoints = CheckpointsFile.open(checkpointsFile);
  try {
    const latest = checkpoints.latest();
    if (latest === undefined) return undefined;
    const signed = parseCheckpointText(parseNote(latest.note).text);
    if (signed.size > tree.size) {
      return `the log holds ${tree.size} events, fewer than the ${signed.size} of the last checkpoint`;
    }
    if (!tree.root(signed.size).equals(signed.root)) {
      return `the log's first ${signed.size} events no longer hash to the last checkpoint's root`;
    }
    return undefined;
  } finally {
    checkpoints.close();
  }
}
