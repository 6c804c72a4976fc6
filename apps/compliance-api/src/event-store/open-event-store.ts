import { join } from 'node:path';
import type { EventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb';
import { SqliteEventStore } from '#event-store/sqlite';
import type { AppConfig } from '../config/app-config.js';

export const EVENT_STORE_FILE = 'events.db';

/**
 * The event store this configuration names: EventStoreDB when EVENTSTORE_CONNECTION_STRING is
 * set (failing with the reason if it cannot be reached), else the embedded SQLite store.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStoreConnectionString !== undefined) {
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString);
  }
  return SqliteEventStore.open({
    filename: join(config.dataDir, EVENT_STORE_FILE),
    synchronous: config.sqliteSynchronous,
  });
}

/** How many events the log holds, when the store can tell cheaply (for progress bars). */
export function eventCount(store: EventStore): number | undefined {
  return store instanceof SqliteEventStore ? store.countEvents() : undefined;
}
