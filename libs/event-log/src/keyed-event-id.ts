import { v5 } from 'uuid';
import { newEventId } from '#event-store';
import type { RecordingContext } from './event-metadata.js';

/** The namespace of the names keyed event ids are derived from (a random UUID, fixed forever). */
const IDEMPOTENCY_NAMESPACE = '6f1c2b7e-3a54-4d0e-9b8a-52f0d1c7e4a9';

/**
 * The id of the `index`-th event of a write. A retry-safe write (one with an idempotency key)
 * gets ids derived from its caller and key (UUID version 5), so a retry, in any process and
 * after any restart, appends the very ids the first attempt did and the store's own duplicate
 * detection answers it in the append's one commit; any other write gets a fresh time-ordered id.
 */
export function eventIdFor(context: RecordingContext, index: number): string {
  const key = context.idempotency?.key;
  if (key === undefined) return newEventId();
  return v5(`${context.recordedBy.id}\n${key}\n${index}`, IDEMPOTENCY_NAMESPACE);
}

/**
 * The append found its ids stored by an earlier write with the same caller and key, and wrote
 * nothing: the stream holds that write's events, which may say something else. Read it again.
 */
export class KeyedWriteStoredError extends Error {
  constructor(readonly streamId: string) {
    super(`An earlier write with the same idempotency key is already stored in ${streamId}`);
    this.name = 'KeyedWriteStoredError';
  }
}
