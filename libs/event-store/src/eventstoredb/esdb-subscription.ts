import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent, SubscriptionMessage } from '../event-store.port.js';
import type { Position } from '../position.js';
import { decodeEsdbPosition } from './esdb-mapping.js';

const HIGH_WATER = 512;
const RESUBSCRIBE_MS = 1000;

/**
 * A catch-up subscription to `$all` (system events filtered out on the server) as the port's
 * async iterable: events and `caughtUp` in the order they arrive, the stream paused while the
 * consumer is behind by more than a page, and a new subscription from the last delivered
 * position whenever the connection drops.
 */
export function esdbSubscription(
  client: EventStoreDBClient,
  after: Position | undefined,
  toRecorded: (resolved: unknown) => RecordedEvent | undefined,
): AllSubscription {
  const queue: SubscriptionMessage[] = [];
  let wake: (() => void) | undefined;
  let checkpoint = after;
  let stopped = false;
  let current: AllStreamSubscription | undefined;

  const push = (message: SubscriptionMessage): void => {
    queue.push(message);
    if (queue.length > HIGH_WATER) current?.pause();
    wake?.();
  };

  const subscribe = (): void => {
    const subscription = client.subscribeToAll({
      fromPosition: checkpoint === undefined ? START : decodeEsdbPosition(checkpoint),
      filter: excludeSystemEvents(),
    });
    current = subscription;
    subscription.on('data', (resolved) => {
      const event = toRecorded(resolved);
      if (event) push({ type: 'event', event });
    });
    subscription.on('caughtUp', () => push({ type: 'caughtUp', position: checkpoint }));
    subscription.on('error', () => {
      if (stopped) return;
      setTimeout(() => !stopped && subscribe(), RESUBSCRIBE_MS).unref();
    });
  };
  subscribe();

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    while (!stopped) {
      const next = queue.shift();
      if (next === undefined) {
        current?.resume();
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (next.type === 'event') checkpoint = next.event.position;
      yield next;
    }
  }
  const iterator = messages();

  return {
    [Symbol.asyncIterator]: () => iterator,
    async unsubscribe() {
      stopped = true;
      wake?.();
      await current?.unsubscribe();
      await iterator.return(undefined);
    },
  };
}
