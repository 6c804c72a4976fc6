import { join } from 'node:path';
import type { EventStore } from '#event-store';
import { EventStoreDbEventStore } from '#event-store/eventstoredb';
import { PostgresEventStore } from '#event-store/postgres';
import { SqliteEventStore } from '#event-store/sqlite';
import type { AppConfig } from '../config/app-config.js';

export const EVENT_STORE_FILE = 'events.db';

/** Which adapter keeps the events: what /health reports. */
export type EventStoreKind = 'sqlite' | 'postgres' | 'eventstoredb';

/** What names the event store: all a process (or a worker thread) needs to open it. */
export type EventStoreSettings = Pick<
  AppConfig,
  'eventStoreConnectionString' | 'postgres' | 'dataDir' | 'sqliteSynchronous'
>;

export function eventStoreKind(config: EventStoreSettings): EventStoreKind {
  if (config.eventStoreConnectionString !== undefined) return 'eventstoredb';
  if (config.postgres !== undefined) return 'postgres';
  return 'sqlite';
}

/**
 * The event store this configuration names: EventStoreDB when EVENTSTORE_CONNECTION_STRING is
 * set, PostgreSQL when DATABASE_URL is (either failing with the reason if it cannot be reached),
 * else the embedded SQLite store.
 */
export async function openEventStore(config: EventStoreSettings): Promise<EventStore> {
  if (config.eventStoreConnectionString !== undefined) {
    return EventStoreDbEventStore.connect(config.eventStoreConnectionString);
  }
  if (config.postgres !== undefined) {
    return PostgresEventStore.connect({ connectionString: config.postgres.url, schema: config.postgres.schema });
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
