import { join } from 'node:path';
import { SqliteEventStore } from '#event-store/sqlite';
import type { AppConfig } from '../config/app-config.js';
import { EVENT_STORE_FILE } from '../event-store/event-store.module.js';

/** The event store the service would open with this configuration. */
export function openEventStore(config: AppConfig): SqliteEventStore {
  return SqliteEventStore.open({
    filename: join(config.dataDir, EVENT_STORE_FILE),
    synchronous: config.sqliteSynchronous,
  });
}
