import type { LoggedEventFields } from '../leaf.js';
import { eventLeafHash } from '../leaf.js';
import { CompactRange } from '../merkle/compact-range.js';
import type { Hash } from '../merkle/hashes.js';
import { parseCheckpointText, type Checkpoint } from '../notes/checkpoint.js';
import type { VerifierKey } from '../notes/note-keys.js';
import { parseNote, verifiedBy } from '../notes/signed-note.js';

/** What a check of the log against a kept checkpoint found, each kind named. */
export interface Finding {
  readonly kind: 'truncated' | 'removed' | 'altered' | 'moved' | 'inserted' | 'rewritten';
  readonly leaf?: number;
  readonly message: string;
}

export interface CheckpointVerdict {
  readonly checkpoint: Checkpoint;
  /** Events in the log (or the export) as read now. */
  readonly logSize: number;
  readonly consistent: boolean;
  readonly findings: readonly Finding[];
}

/**
 * The leaves a checkpoint signed, from a tree kept beside the log, trusted only if its first
 * leaves hash to the checkpoint's root: then it names what changed, event by event.
 */
export interface ReferenceTree {
  readonly size: number;
  root(size: number): Hash;
  leafHash(index: number): Hash;
  /** Event ids by leaf index, for the first `size` leaves. */
  eventIds(size: number): string[];
}

export class CheckpointSignatureError extends Error {
  override readonly name = 'CheckpointSignatureError';
}

/** The checkpoint in a signed note, if `verifier` signed it and it is for the verifier's log. */
export function openCheckpoint(note: string, verifier: VerifierKey): Checkpoint {
  const parsed = parseNote(note);
  if (verifiedBy(parsed, verifier).length === 0) {
    throw new CheckpointSignatureError(`the checkpoint carries no valid signature of ${verifier.name}`);
  }
  const checkpoint = parseCheckpointText(parsed.text);
  if (checkpoint.origin !== verifier.name) {
    throw new CheckpointSignatureError(`the checkpoint is of ${checkpoint.origin}, the key of ${verifier.name}`);
  }
  return checkpoint;
}

/**
 * Proves the log (read in order, as often as asked) consistent with a kept checkpoint: its first
 * `size` events hash to the checkpoint's root. Only the right edge of the tree is held, so a log
 * of any size is checked in one pass. When they do not, a second pass names what changed, against
 * `reference` if it matches the checkpoint.
 */
export async function auditAgainstCheckpoint(
  read: () => AsyncIterable<LoggedEventFields>,
  checkpoint: Checkpoint,
  reference?: ReferenceTree,
): Promise<CheckpointVerdict> {
  const range = CompactRange.empty();
  let logSize = 0;
  let prefixRoot: Hash | undefined = checkpoint.size === 0 ? range.root() : undefined;
  for await (const event of read()) {
    logSize++;
    if (range.size < checkpoint.size) {
      range.appendHash(eventLeafHash(event));
      if (range.size === checkpoint.size) prefixRoot = range.root();
    }
  }
  const consistent = prefixRoot !== undefined && prefixRoot.equals(checkpoint.root);
  if (consistent) return { checkpoint, logSize, consistent, findings: [] };
  const findings: Finding[] = [];
  if (logSize < checkpoint.size) {
    findings.push({
      kind: 'truncated',
      message: `the log holds ${logSize} events, fewer than the ${checkpoint.size} the checkpoint signed`,
    });
  }
  const trusted =
    reference !== undefined &&
    reference.size >= checkpoint.size &&
    reference.root(checkpoint.size).equals(checkpoint.root);
  if (trusted) {
    findings.push(...(await namedChanges(read, checkpoint.size, reference)));
  } else if (logSize >= checkpoint.size) {
    findings.push({
      kind: 'rewritten',
      message:
        `the log's first ${checkpoint.size} events no longer hash to the checkpoint's root: events among them were ` +
        'altered, removed, inserted or reordered (no tree kept beside the log matches the checkpoint to name them)',
    });
  }
  return { checkpoint, logSize, consistent, findings };
}

interface Current {
  readonly index: number;
  readonly hash: Hash;
  readonly streamId: string;
  readonly revision: number;
}

/** Event by event: what the checkpoint signed (the reference's leaves) against the log now. */
async function namedChanges(
  read: () => AsyncIterable<LoggedEventFields>,
  size: number,
  reference: ReferenceTree,
): Promise<Finding[]> {
  const current = new Map<string, Current>();
  const order: string[] = [];
  for await (const event of read()) {
    const id = event.eventId.toLowerCase();
    current.set(id, {
      index: order.length,
      hash: eventLeafHash(event),
      streamId: event.streamId,
      revision: event.revision,
    });
    order.push(id);
  }
  const signed = reference.eventIds(size);
  const signedIndex = new Map(signed.map((id, leaf) => [id, leaf]));
  const findings: Finding[] = [];
  const of = (id: string, at: Current) => `event ${id} of ${at.streamId} revision ${at.revision}`;
  // the signed events still in the log, in the log's order now: out of order where reordered
  const surviving = order.filter((id) => signedIndex.has(id)).map((id) => signedIndex.get(id) as number);
  const outOfOrder = new Set(
    surviving.filter(
      (leaf, k) => (k > 0 && surviving[k - 1] > leaf) || (k + 1 < surviving.length && leaf > surviving[k + 1]),
    ),
  );
  signed.forEach((id, leaf) => {
    const now = current.get(id);
    if (now === undefined) {
      findings.push({ kind: 'removed', leaf, message: `event ${id} (leaf ${leaf}) is no longer in the log` });
    } else if (!now.hash.equals(reference.leafHash(leaf))) {
      findings.push({
        kind: 'altered',
        leaf,
        message: `${of(id, now)} (leaf ${leaf}) is not the event the checkpoint signed`,
      });
    } else if (outOfOrder.has(leaf)) {
      findings.push({
        kind: 'moved',
        leaf,
        message: `${of(id, now)} was leaf ${leaf} and is now leaf ${now.index}: the log was reordered`,
      });
    }
  });
  order.slice(0, size).forEach((id, index) => {
    const now = current.get(id) as Current;
    if (!signedIndex.has(id)) {
      findings.push({
        kind: 'inserted',
        leaf: index,
        message: `${of(id, now)} (leaf ${index}) was not among the events the checkpoint signed`,
      });
    }
  });
  return findings.sort((a, b) => (a.leaf ?? 0) - (b.leaf ?? 0));
}
