import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  auditAgainstCheckpoint,
  eventLeafHash,
  MerkleTreeFile,
  openCheckpoint,
  verifyInclusion,
  type CheckpointVerdict,
  type Finding,
  type LoggedEventFields,
} from '#transparency';
import type { AppConfig } from '../../config/app-config.js';
import { openEventStore } from '../../event-store/open-event-store.js';
import { TREE_FILE } from '../../transparency/transparency.tokens.js';
import { exportedEvents, logEvents } from './logged-events.js';
import { verifierKeyArgument } from './verifier-key-argument.js';

/** An export line of one entity's stream: the event with its leaf and its proof in a tree of the export's size. */
interface ProvedLine extends LoggedEventFields {
  readonly leafIndex?: number;
  readonly treeSize?: number;
  readonly inclusionProof?: readonly string[];
}

/**
 * Checks the log (the store's, or an export's) against a checkpoint kept from earlier, with no
 * server: the checkpoint's signature with the log's verifier key, then the log's first events
 * against its root. An export of one entity's stream is checked by the inclusion proof of each
 * line instead. What differs is named (see `Finding`).
 */
export async function verifyCheckpoint(
  config: AppConfig,
  options: { checkpoint: string; verifierKey: string; file?: string },
): Promise<CheckpointVerdict> {
  const checkpoint = openCheckpoint(readFileSync(options.checkpoint, 'utf8'), verifierKeyArgument(options.verifierKey));
  if (options.file !== undefined) {
    const file = options.file;
    const first = (await exportedEvents<ProvedLine>(file).next()).value;
    if (first?.inclusionProof !== undefined) return inclusionOfLines(file, checkpoint);
    return auditAgainstCheckpoint(() => exportedEvents(file), checkpoint);
  }
  const store = await openEventStore(config);
  const treeFile = join(config.localDir, TREE_FILE);
  const reference = existsSync(treeFile) ? MerkleTreeFile.open(treeFile) : undefined;
  try {
    return await auditAgainstCheckpoint(() => logEvents(store), checkpoint, reference);
  } finally {
    reference?.close();
    await store.close();
  }
}

/** Each line of an entity's export proved, by its own inclusion proof, to be a leaf of the checkpoint's tree. */
async function inclusionOfLines(file: string, checkpoint: CheckpointVerdict['checkpoint']): Promise<CheckpointVerdict> {
  const findings: Finding[] = [];
  let lines = 0;
  for await (const line of exportedEvents<ProvedLine>(file)) {
    lines++;
    const proved =
      line.treeSize === checkpoint.size &&
      line.leafIndex !== undefined &&
      verifyInclusion(
        line.leafIndex,
        checkpoint.size,
        eventLeafHash(line),
        (line.inclusionProof ?? []).map((hash) => Buffer.from(hash, 'base64')),
        checkpoint.root,
      );
    if (!proved) {
      findings.push({
        kind: line.treeSize === checkpoint.size ? 'altered' : 'rewritten',
        leaf: line.leafIndex,
        message:
          line.treeSize === checkpoint.size
            ? `event ${line.eventId} of ${line.streamId} revision ${line.revision} is not leaf ${line.leafIndex} of the checkpoint's tree`
            : `event ${line.eventId} is proved in a tree of ${line.treeSize} leaves, not the checkpoint's ${checkpoint.size}: export with treeSize=${checkpoint.size}`,
      });
    }
  }
  return { checkpoint, logSize: lines, consistent: findings.length === 0, findings };
}
