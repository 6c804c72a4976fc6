import type { AppendResult, EventToAppend } from './event-store.port.js';
import { satisfiesExpectedRevision, type ActualRevision, type ExpectedRevision } from './expected-revision.js';
import type { Position } from './position.js';
import { storedEventId } from './event-json.js';

/** What an adapter read back of a stream, from the revision its batch's first id is stored at. */
export interface StoredAppend {
  readonly eventId: string;
  readonly revision: number;
  readonly position: Position;
}

/**
 * Idempotency, asked only once an append has failed (so the common path pays nothing): if an
 * earlier append stored exactly this batch, in this order, at a revision the expectation is
 * satisfied just before, the result that append answered.
 *
 * @param stored the stream's events from the revision where the batch's first id is stored,
 *   at most as many as the batch holds
 */
export function resultOfIdenticalAppend(
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
  stored: readonly StoredAppend[],
): AppendResult | undefined {
  const sameBatch =
    stored.length === events.length && stored.every((row, i) => row.eventId === storedEventId(events[i].eventId));
  if (!sameBatch) return undefined;
  const firstRevision = stored[0].revision;
  const before: ActualRevision = firstRevision === 0 ? 'no_stream' : firstRevision - 1;
  if (!satisfiesExpectedRevision(expected, before)) return undefined;
  const last = stored[stored.length - 1];
  return { nextExpectedRevision: last.revision, position: last.position, alreadyStored: true };
}
