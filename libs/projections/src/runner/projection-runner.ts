import {
  comparePositions,
  type AllSubscription,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '#event-store';

/**
 * What a projection runner feeds: something that applies pages of the log and keeps, with what
 * it applied, the position it applied up to (its checkpoint), in one transaction.
 */
export interface Projection {
  /** The position applied up to, or `undefined` before the first event. */
  checkpoint(): Position | undefined;
  /** Applies the events (in log order) and moves the checkpoint to the last of them, atomically. */
  apply(events: readonly RecordedEvent[]): void;
  /** Work owed once the log's head is reached (rating what was left unrated). */
  caughtUp?(): Promise<void>;
}

export interface Logger {
  log(message: string): void;
  error(message: string): void;
}

export interface RunnerOptions {
  /** Events applied in one transaction while catching up. */
  readonly catchUpBatch: number;
  /**
   * Live, events are applied this long after the first of a batch arrives: a write is in the
   * read models within milliseconds, and under load a transaction carries many writes.
   */
  readonly liveBatchMs: number;
  readonly logger: Logger;
  /** Called with the checkpoint after every batch applied. */
  readonly onApplied?: (position: Position, events: number) => void;
}

export const DEFAULT_RUNNER_OPTIONS = { catchUpBatch: 500, liveBatchMs: 5 } as const;

/**
 * Feeds a projection from a catch-up subscription to the whole log, starting after its
 * checkpoint (never from the beginning once built). The service runs it for good (`start`);
 * a rebuild runs the same loop until the log's head (`catchUp`). After a failure (the store
 * unreachable) it reports it and starts again from the checkpoint, waiting longer each time:
 * the batch that failed rolled back with its checkpoint, so nothing is applied twice or skipped.
 */
export class ProjectionRunner {
  private subscription?: AllSubscription;
  private running?: Promise<void>;
  private position: Position | undefined;
  private caughtUp = false;
  private failure?: unknown;
  private stopping = false;
  private waiters: { position: Position; resolve: () => void }[] = [];
  private readonly listeners = new Set<(position: Position) => void>();

  constructor(
    private readonly store: EventStore,
    private readonly projection: Projection,
    private readonly options: RunnerOptions,
  ) {}

  /** Runs for good, in the background, until `stop`. */
  start(): void {
    this.running = this.keepRunning();
  }

  /**
   * Applies everything up to the log's head as it is now (or up to `until`, inclusive), then
   * stops: a rebuild, or a check of read models that were built up to `until`.
   */
  async catchUp(until?: Position): Promise<void> {
    this.position = this.projection.checkpoint();
    this.subscription = this.store.subscribeToAll({ after: this.position });
    await this.run(this.subscription, { untilCaughtUp: true, until });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.unsubscribe();
    await this.running;
    this.listeners.clear();
  }

  /** True once the projection has caught up with the log, and while it keeps up. */
  get ready(): boolean {
    return this.caughtUp && this.failure === undefined;
  }

  /** Why the projection stopped last, while it has not recovered. */
  get lastFailure(): unknown {
    return this.failure;
  }

  get checkpoint(): Position | undefined {
    return this.position;
  }

  /** Calls `listener` with the checkpoint after each batch applied; answers how to stop. */
  onApplied(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves true once the projection includes `position`, false after `timeoutMs`. */
  async reached(position: Position, timeoutMs: number): Promise<boolean> {
    if (this.includes(position)) return true;
    return new Promise((resolve) => {
      const waiter = { position, resolve: () => resolve(true) };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  private async keepRunning(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        this.position = this.projection.checkpoint();
        this.subscription = this.store.subscribeToAll({ after: this.position });
        await this.run(this.subscription, { untilCaughtUp: false });
        return;
      } catch (error) {
        this.failure = error;
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.options.logger.error(`Projection stopped; restarting from its checkpoint: ${reason}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)).unref());
      }
    }
  }

  private async run(
    subscription: AllSubscription,
    { untilCaughtUp, until }: { untilCaughtUp: boolean; until?: Position },
  ): Promise<void> {
    let batch: RecordedEvent[] = [];
    let pending: NodeJS.Timeout | undefined;
    let failed: { error: unknown } | undefined;
    // live: what arrives within liveBatchMs (the writes of concurrent requests) is applied in
    // one transaction; a failure ends the subscription, so that the run starts again from the
    // checkpoint as after a failed catch-up batch
    const applySoon = () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        try {
          batch = this.apply(batch);
        } catch (error) {
          failed = { error };
          void subscription.unsubscribe();
        }
      }, this.options.liveBatchMs);
    };
    try {
      for await (const message of subscription) {
        const beyond =
          message.type === 'event' && until !== undefined && comparePositions(message.event.position, until) > 0;
        if (message.type === 'event' && !beyond) {
          batch.push(message.event);
          if (batch.length >= this.options.catchUpBatch) batch = this.apply(batch);
          else if (this.caughtUp) applySoon();
          continue;
        }
        batch = this.apply(batch);
        if (!this.caughtUp) {
          await this.projection.caughtUp?.();
          this.options.logger.log(`Caught up with the log at ${this.position ?? 'its start'}`); // the logger says whose
        }
        this.failure = undefined;
        this.caughtUp = true;
        if (untilCaughtUp) break;
      }
    } finally {
      // a batch not yet applied is left to the next run, which starts from the checkpoint
      clearTimeout(pending);
      if (untilCaughtUp) await subscription.unsubscribe();
    }
    if (failed) throw failed.error;
  }

  private apply(batch: RecordedEvent[]): RecordedEvent[] {
    if (batch.length === 0) return batch;
    this.projection.apply(batch);
    const last = batch[batch.length - 1].position;
    this.position = last;
    this.failure = undefined;
    this.wakeWaiters();
    this.options.onApplied?.(last, batch.length);
    for (const listener of this.listeners) listener(last);
    return [];
  }

  private includes(position: Position): boolean {
    return this.position !== undefined && comparePositions(this.position, position) >= 0;
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const done = this.waiters.filter((w) => this.includes(w.position));
    this.waiters = this.waiters.filter((w) => !this.includes(w.position));
    for (const waiter of done) waiter.resolve();
  }
}
