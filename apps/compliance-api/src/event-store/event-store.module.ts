import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { EventStore } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';

export const EVENT_STORE = Symbol('EventStore');

export const EVENT_STORE_FILE = 'events.db';

/** Opens the configured event store for the whole application and closes it last. */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EventStore =>
        SqliteEventStore.open({
          filename: join(config.dataDir, EVENT_STORE_FILE),
          synchronous: config.sqliteSynchronous,
        }),
    },
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
