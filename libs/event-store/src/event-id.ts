import { v7 } from 'uuid';

/**
 * A new event id: a time-ordered UUID (version 7, RFC 9562). Any UUID is accepted by the
 * store, but time-ordered ids land at the right edge of the event-id index instead of on a
 * random page, which makes batched appends several times faster (docs/EVENT-STORE.md).
 */
export function newEventId(): string {
  return v7();
}
