/**
 * What the caller believes about a stream when appending to it (optimistic concurrency).
 *
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must already hold at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event (the first event has revision 0).
 *
 * The four cases map one to one onto EventStoreDB's `NO_STREAM`, `STREAM_EXISTS`, `ANY`
 * and an exact `bigint` revision.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/** The state a stream was found in: its last revision, or `no_stream`. */
export type ActualRevision = 'no_stream' | number;

export function satisfiesExpectedRevision(expected: ExpectedRevision, actual: ActualRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}

export function isExactRevision(expected: ExpectedRevision): expected is number {
  return typeof expected === 'number';
}
