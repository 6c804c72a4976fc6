import {
  WrongExpectedRevisionError,
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '#event-store';
import type { Metrics } from './metrics.js';

/** The configured event store, counting its appends by outcome; everything else passes through. */
export class MeteredEventStore implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    try {
      const result = await this.store.appendToStream(streamId, events, options);
      this.metrics.appends.inc({ outcome: result.alreadyStored ? 'already_stored' : 'appended' });
      if (!result.alreadyStored) this.metrics.appendedEvents.inc(events.length);
      return result;
    } catch (error) {
      this.metrics.appends.inc({
        outcome: error instanceof WrongExpectedRevisionError ? 'wrong_expected_revision' : 'failed',
      });
      throw error;
    }
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.store.readAll(options);
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    return this.store.subscribeToAll(options);
  }

  isPosition(text: string): text is Position {
    return this.store.isPosition(text);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
