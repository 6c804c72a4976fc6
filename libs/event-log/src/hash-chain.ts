import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '#event-store';
import type { EventMetadata } from './event-metadata.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The parts of a stored event the hash covers: all of it, as stored, except the hash itself. */
export interface HashedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Omit<EventMetadata, 'hash'>;
}

/**
 * `sha256(prevHash + canonical JSON)`, canonical JSON being RFC 8785 (JCS), so the hash
 * depends only on the values, never on key order or number formatting, and anyone can
 * recompute it offline from an export.
 */
export function hashEvent({ streamId, revision, eventId, type, data, metadata }: HashedEvent): string {
  // pick the fields: a caller may pass a richer object (a RecordedEvent) that must not count
  const canonical = canonicalize({ streamId, revision, eventId, type, data, metadata });
  if (canonical === undefined) throw new TypeError(`Event ${eventId} cannot be canonicalised`);
  return createHash('sha256').update(metadata.prevHash).update(canonical).digest('hex');
}

export interface ChainVerdict {
  readonly valid: boolean;
  readonly checkedEvents: number;
  /** The first revision whose event was altered, removed or moved; `null` when valid. */
  readonly firstBrokenRevision: number | null;
}

/**
 * Recomputes the chain of one stream's events, read as stored (never upcast) in revision
 * order. Catches an event altered in place (its hash no longer matches), deleted or
 * reordered (the revisions skip, or the next event's prevHash no longer matches).
 */
export function verifyChain(events: Iterable<RecordedEvent>): ChainVerdict {
  let expectedRevision = 0;
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    const metadata = event.metadata as Partial<EventMetadata> | undefined;
    const broken =
      event.revision !== expectedRevision ||
      metadata?.prevHash !== prevHash ||
      typeof metadata.hash !== 'string' ||
      metadata.hash !== safeHash(event, metadata);
    if (broken) return { valid: false, checkedEvents: expectedRevision + 1, firstBrokenRevision: expectedRevision };
    prevHash = metadata.hash as string;
    expectedRevision++;
  }
  return { valid: true, checkedEvents: expectedRevision, firstBrokenRevision: null };
}

function safeHash(event: RecordedEvent, metadata: Partial<EventMetadata>): string | undefined {
  const { hash: _hash, ...hashed } = metadata;
  try {
    return hashEvent({
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata: hashed as Omit<EventMetadata, 'hash'>,
    });
  } catch {
    return undefined;
  }
}
