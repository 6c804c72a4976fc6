import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore } from '#event-store';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { eventStoreKind, type EventStoreKind } from '../event-store/open-event-store.js';

/** Up when the event store answers a read; says which store it is, and the head of the log. */
@Injectable()
export class EventStoreHealthIndicator {
  private readonly store: EventStoreKind;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly health: HealthIndicatorService,
  ) {
    this.store = eventStoreKind(config);
  }

  async check(key: string) {
    const indicator = this.health.check(key);
    try {
      const head = await this.eventStore.headPosition();
      return indicator.up({ store: this.store, headPosition: head ?? null });
    } catch (error) {
      return indicator.down({ store: this.store, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
