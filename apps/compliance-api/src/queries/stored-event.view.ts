import type { EventMetadata } from '#event-log';
import type { RecordedEvent } from '#event-store';

/**
 * An event exactly as stored: its data in the schema version it was written in (see
 * `metadata.schemaVersion`), so what an auditor reads is what the hash chain covers.
 */
export function storedEventView(recorded: RecordedEvent) {
  const { recordedAt, hash, prevHash, ...metadata } = recorded.metadata as EventMetadata;
  return {
    eventId: recorded.eventId,
    type: recorded.type,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt,
    data: recorded.data,
    metadata,
    hash,
    prevHash,
  };
}

/** Where an exported event is in the log's Merkle tree, and (with a tree size asked) the proof of it. */
export interface ExportedLeaf {
  readonly leafIndex: number;
  readonly treeSize?: number;
  readonly inclusionProof?: readonly string[];
}

/** One line of an export: everything needed to recompute the chain offline, and the event's leaf. */
export function exportLine(recorded: RecordedEvent, leaf?: ExportedLeaf): string {
  return `${JSON.stringify({
    streamId: recorded.streamId,
    revision: recorded.revision,
    eventId: recorded.eventId,
    type: recorded.type,
    position: recorded.position,
    data: recorded.data,
    metadata: recorded.metadata,
    ...leaf,
  })}\n`;
}
