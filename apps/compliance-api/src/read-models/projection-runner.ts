import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ComplianceEventLog } from '#event-log';
import {
  comparePositions,
  type AllSubscription,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '#event-store';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { Subject, type Observable } from 'rxjs';
import { EntityProjection, entityEventsOf } from './entity-projection.js';

/** Events applied in one transaction while catching up. */
export const CATCH_UP_BATCH = 500;
/**
 * Live, events are applied this long after the first of a batch arrives: a write is in the
 * read models within milliseconds, and under load a transaction carries many writes.
 */
export const LIVE_BATCH_MS = 5;

/**
 * Feeds the read models from a catch-up subscription to the whole log, starting from their
 * checkpoint (never from the beginning once built). Each batch of events and the checkpoint
 * after it commit in one transaction, so no event is applied twice or skipped, also across
 * kill -9.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private subscription?: AllSubscription;
  private running?: Promise<void>;
  private position: Position | undefined;
  private caughtUp = false;
  private failure?: unknown;
  private stopping = false;
  private waiters: { position: Position; resolve: () => void }[] = [];
  private readonly appliedUpTo = new Subject<Position>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly log: ComplianceEventLog,
    private readonly entities: EntityProjection,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.keepRunning();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.subscription?.unsubscribe();
    await this.running;
    this.appliedUpTo.complete();
  }

  /**
   * Subscribes from the checkpoint and applies; after a failure (the store unreachable, a
   * bad event) reports it through /health and starts again from the checkpoint, waiting
   * longer each time. The batch that failed was rolled back with its checkpoint.
   */
  private async keepRunning(): Promise<void> {
    for (let attempt = 0; !this.stopping; attempt++) {
      try {
        this.position = this.entities.database.checkpoint(EntityProjection.NAME);
        this.subscription = this.store.subscribeToAll({ after: this.position });
        await this.run(this.subscription);
        return;
      } catch (error) {
        this.failure = error;
        const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
        this.logger.error(`Projection stopped; restarting from its checkpoint: ${reason}`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** attempt)).unref());
      }
    }
  }

  /** True once the read models have caught up with the log they started behind. */
  get ready(): boolean {
    return this.caughtUp && this.failure === undefined;
  }

  get checkpoint(): Position | undefined {
    return this.position;
  }

  /** The checkpoint after each batch applied: what live readers (the changes feed) follow. */
  get applied(): Observable<Position> {
    return this.appliedUpTo.asObservable();
  }

  /** Resolves true once the read models include `position`, false after `timeoutMs`. */
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

  private async run(subscription: AllSubscription): Promise<void> {
    let batch: RecordedEvent[] = [];
    let pending: NodeJS.Timeout | undefined;
    let failed: { error: unknown } | undefined;
    // live: what arrives within LIVE_BATCH_MS (the writes of concurrent requests) is applied
    // in one transaction; a failure ends the subscription, so that keepRunning starts again
    // from the checkpoint as after a failed catch-up batch
    const applySoon = () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        try {
          batch = this.apply(batch);
        } catch (error) {
          failed = { error };
          void subscription.unsubscribe();
        }
      }, LIVE_BATCH_MS);
    };
    try {
      for await (const message of subscription) {
        if (message.type === 'event') {
          batch.push(message.event);
          if (batch.length >= CATCH_UP_BATCH) batch = this.apply(batch);
          else if (this.caughtUp) applySoon();
        } else {
          batch = this.apply(batch);
          this.failure = undefined;
          if (!this.caughtUp) this.logger.log(`Read models caught up at ${this.position ?? 'the start of the log'}`);
          this.caughtUp = true;
        }
      }
    } finally {
      // a batch not yet applied is left to the next run, which starts from the checkpoint
      clearTimeout(pending);
    }
    if (failed) throw failed.error;
  }

  private apply(batch: RecordedEvent[]): RecordedEvent[] {
    if (batch.length === 0) return batch;
    const last = batch[batch.length - 1].position;
    this.entities.database.applyAndCheckpoint(EntityProjection.NAME, last, () => {
      this.entities.applyBatch(entityEventsOf(batch, this.log));
    });
    this.position = last;
    this.failure = undefined;
    this.wakeWaiters();
    this.appliedUpTo.next(last);
    return [];
  }

  private includes(position: Position): boolean {
    return this.position !== undefined && comparePositions(this.position, position) >= 0;
  }

  private wakeWaiters(): void {
    const [done, pending] = [
      this.waiters.filter((w) => this.includes(w.position)),
      this.waiters.filter((w) => !this.includes(w.position)),
    ];
    this.waiters = pending;
    for (const waiter of done) waiter.resolve();
  }
}
