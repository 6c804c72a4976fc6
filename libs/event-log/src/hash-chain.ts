import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
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
  const canonical = canonicalJson({ data, eventId, metadata, revision, streamId, type });
  return createHash('sha256').update(metadata.prevHash).update(canonical).digest('hex');
}

export interface ChainVerdict {
  readonly valid: boolean;
  readonly checkedEvents: number;
  /** The first revision whose event was altered, removed or moved; `null` when valid. */
  readonly firstBrokenRevision: number | null;
}
