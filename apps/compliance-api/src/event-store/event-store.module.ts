import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ComplianceEventLog } from '#event-log';
import type { EventStore } from '#event-store';
import { EntityRecords, HoldingScope } from '#write-side';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { MeteredEventStore } from '../metrics/metered-event-store.js';
import { Metrics } from '../metrics/metrics.js';
import { openEventStore } from './open-event-store.js';

export const EVENT_STORE = Symbol('EventStore');

export { EVENT_STORE_FILE } from './open-event-store.js';

/**
 * Opens the configured event store for the whole application (its appends counted), and closes it last; with it, the
 * entity event log over it and the write side's records of entities (which also decide officers'
 * scope, from the log).
 */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [APP_CONFIG, Metrics],
      useFactory: async (config: AppConfig, metrics: Metrics): Promise<EventStore> =>
        new MeteredEventStore(await openEventStore(config), metrics),
    },
    {
      provide: ComplianceEventLog,
      inject: [EVENT_STORE],
      useFactory: (store: EventStore) => new ComplianceEventLog(store),
    },
    {
      provide: EntityRecords,
      inject: [ComplianceEventLog],
      useFactory: (log: ComplianceEventLog) => new EntityRecords(log),
    },
    {
      provide: HoldingScope,
      inject: [EntityRecords],
      useFactory: (records: EntityRecords) => new HoldingScope(records),
    },
  ],
  exports: [EVENT_STORE, ComplianceEventLog, EntityRecords, HoldingScope],
})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
