import { excludeSystemEvents, START, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { AllSubscription, RecordedEvent, SubscriptionMessage } from '../event-store.port.js';
import type { Position } from '../position.js';
import { decodeEsdbPosition } from './esdb-mapping.js';

const HIGH_WATER = 512;
const RESUBSCRIBE_MS = 1000;
/** Consecutive failed subscriptions before the error is handed to the consumer. */
const MAX_RETRIES = 10;

/**
 * A catch-up subscription to `$all` (system events filtered out on the server) as the port's
 * async iterable: events and `caughtUp` in the order they arrive, the gRPC stream paused while
 * the consumer is more than a page behind, and a new subscription from the last event queued
 * whenever the connection drops (a persistent failure ends the iteration with its error).
 */
export function esdbSubscription(
  client: EventStoreDBClient,
  after: Position | undefined,
  toRecorded: (resolved: unknown) => RecordedEvent | undefined,
  onEnd: (subscription: AllSubscription) => void,
): AllSubscription {
  const queue: SubscriptionMessage[] = [];
  let wake: (() => void) | undefined;
  let lastQueued = after;
  let stopped = false;
  let failure: unknown;
  let retries = 0;
  let current: AllStreamSubscription | undefined;

  const push = (message: SubscriptionMessage): void => {
    queue.push(message);
    if (queue.length > HIGH_WATER) current?.pause();
    wake?.();
  };

  const subscribe = (): void => {
    const stream = client.subscribeToAll({
      fromPosition: lastQueued === undefined ? START : decodeEsdbPosition(lastQueued),
      filter: excludeSystemEvents(),
    });
    current = stream;
    // `caughtUp` is emitted as soon as the client reads it, possibly before events still in the
    // stream's buffer: hold it back until those have been delivered
    let caughtUpAfter: number | undefined;
    stream.on('data', (resolved) => {
      retries = 0;
      const event = toRecorded(resolved);
      if (event && (lastQueued === undefined || event.position > lastQueued)) {
        lastQueued = event.position;
        push({ type: 'event', event });
      }
      if (caughtUpAfter !== undefined && --caughtUpAfter === 0) {
        caughtUpAfter = undefined;
        push({ type: 'caughtUp', position: lastQueued });
      }
    });
    stream.on('caughtUp', () => {
      const buffered = stream.readableLength;
      if (buffered === 0) push({ type: 'caughtUp', position: lastQueued });
      else caughtUpAfter = buffered;
    });
    const restart = (error?: unknown): void => {
      if (stopped || current !== stream) return;
      stream.removeAllListeners();
      stream.destroy();
      if (++retries > MAX_RETRIES) {
        failure = error ?? new Error('The EventStoreDB subscription keeps ending');
        wake?.();
        return;
      }
      setTimeout(() => !stopped && subscribe(), RESUBSCRIBE_MS).unref();
    };
    stream.on('error', restart);
    stream.on('end', () => restart());
  };
  subscribe();

  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    try {
      while (!stopped) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (failure !== undefined) throw failure;
        current?.resume();
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      onEnd(subscription);
    }
  }
  const iterator = messages();

  const subscription: AllSubscription = {
    [Symbol.asyncIterator]: () => iterator,
    async unsubscribe() {
      if (stopped) return;
      stopped = true;
      wake?.();
      await current?.unsubscribe().catch(() => undefined);
      await iterator.return(undefined);
      onEnd(subscription);
    },
  };
  return subscription;
}
