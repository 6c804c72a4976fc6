import type { LoggedEvent } from '#event-log';

/**
 * The writes in an entity's stream that carried an idempotency key, found by caller and key: a
 * retry is answered by a lookup, however long the stream, rather than a scan of every event.
 * It only grows, and only with events stored in the log, so the versions of an entity's stream
 * kept one after another can share it.
 */
export class KeyedWrites {
  private readonly firstEvents = new Map<string, LoggedEvent>();

  constructor(events: readonly LoggedEvent[] = []) {
    this.add(events);
  }

  /** Notes the keyed writes among `events`, stored in the stream in this order. */
  add(events: readonly LoggedEvent[]): void {
    for (const event of events) {
      const key = event.metadata.idempotency?.key;
      if (key === undefined) continue;
      const name = scoped(event.metadata.recordedBy.id, key);
      // a write's first event answers for it
      if (!this.firstEvents.has(name)) this.firstEvents.set(name, event);
    }
  }

  /** The first event of the caller's write with `key`, if the stream holds one. */
  find(callerId: string, key: string): LoggedEvent | undefined {
    return this.firstEvents.get(scoped(callerId, key));
  }
}

/** A key is the caller's own: another caller's write with the same key is another write. */
function scoped(callerId: string, key: string): string {
  return `${callerId}\n${key}`;
}
