import type { AppendSignal } from './append-signal.js';
import type { AllSubscription, RecordedEvent, SubscriptionMessage } from './event-store.port.js';
import type { Position } from './position.js';

export interface PollingSubscriptionSource {
  /** The events after `after`, at most `maxCount`, in position order (read at once, or from a server). */
  readPage(after: Position | undefined, maxCount: number): RecordedEvent[] | Promise<RecordedEvent[]>;
  readonly appended: AppendSignal;
  readonly pollIntervalMs: number;
  readonly pageSize: number;
}

/**
 * A catch-up subscription for stores that can only be read, not pushed from: it pages
 * through the log from the checkpoint, says `caughtUp` once it reaches the head, then sleeps
 * until an append signal (one in this process, or a server's notification) or the poll timer.
 * Delivery is pull-driven, so a slow consumer holds at most one page in memory.
 */
export function pollingSubscription(
  source: PollingSubscriptionSource,
  after: Position | undefined,
  onEnd: (abort: AbortController) => void,
): AllSubscription & { readonly abort: AbortController } {
  const abort = new AbortController();

  async function* deliver(): AsyncGenerator<SubscriptionMessage> {
    let checkpoint = after;
    let live = false;
    try {
      while (!abort.signal.aborted) {
        const appendsBeforeRead = source.appended.count;
        const page = await source.readPage(checkpoint, source.pageSize);
        if (abort.signal.aborted) return;
        for (const event of page) {
          yield { type: 'event', event };
          checkpoint = event.position;
          if (abort.signal.aborted) return;
        }
        if (page.length < source.pageSize) {
          if (!live) {
            live = true;
            yield { type: 'caughtUp', position: checkpoint };
          }
          await source.appended.wait(appendsBeforeRead, source.pollIntervalMs, abort.signal);
          // the appends of one turn of the event loop (concurrent writes) are read as one page
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      onEnd(abort);
    }
  }

  const messages = deliver();
  return {
    abort,
    [Symbol.asyncIterator]: () => messages,
    async unsubscribe() {
      abort.abort();
      await messages.return(undefined);
      onEnd(abort); // a generator never started skips its `finally`
    },
  };
}

/** A store's open polling subscriptions: each opened on the store's source, all ended when it closes. */
export class PollingSubscriptions {
  private readonly open = new Set<AbortController>();

  constructor(private readonly source: PollingSubscriptionSource) {}

  subscribe(after: Position | undefined): AllSubscription {
    const subscription = pollingSubscription(this.source, after, (abort) => this.open.delete(abort));
    this.open.add(subscription.abort);
    return subscription;
  }

  /** Ends every subscription: a pending iteration ends as if the log had ended. */
  endAll(): void {
    for (const abort of this.open) abort.abort();
    this.open.clear();
  }
}
