import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Position, RecordedEvent } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { ProjectionRunner, type Projection } from '#projections';

/** A projection that remembers what it was given, and can be told to fail once. */
class Recording implements Projection {
  applied: Position[][] = [];
  position: Position | undefined;
  failNext = false;
  caughtUpCalls = 0;

  checkpoint(): Position | undefined {
    return this.position;
  }

  apply(events: readonly RecordedEvent[]): void {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the read models are unavailable');
    }
    this.applied.push(events.map((e) => e.position));
    this.position = events[events.length - 1].position;
  }

  async caughtUp(): Promise<void> {
    this.caughtUpCalls++;
  }
}

const quiet = { log: () => {}, error: () => {} };
const event = (n: number) => ({
  eventId: `0190aaaa-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'Noted',
  data: { n },
});

describe('the projection runner: a checkpointed subscription that feeds one projection', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ filename: ':memory:', pollIntervalMs: 10 });
  });
  afterEach(() => store.close());

  it('catches up in batches from the checkpoint, then stops at the head (a rebuild)', async () => {
    for (let n = 1; n <= 7; n++) await store.appendToStream('s', [event(n)]);
    const projection = new Recording();
    projection.position = (await store.readAll({ maxCount: 2 }))[1].position;

    await new ProjectionRunner(store, projection, { catchUpBatch: 2, liveBatchMs: 1, logger: quiet }).catchUp();

    expect(projection.applied.map((positions) => positions.length)).toEqual([2, 2, 1]);
    expect(projection.position).toBe(await store.headPosition());
    expect(projection.caughtUpCalls).toBe(1);
  });

  it('stops at a given position, for a derivation that must end where another did', async () => {
    for (let n = 1; n <= 5; n++) await store.appendToStream('s', [event(n)]);
    const until = (await store.readAll())[2].position;
    const projection = new Recording();

    await new ProjectionRunner(store, projection, { catchUpBatch: 100, liveBatchMs: 1, logger: quiet }).catchUp(until);

    expect(projection.position).toBe(until);
  });

  it('live, applies what arrives together in one batch and wakes readers waiting for their write', async () => {
    const projection = new Recording();
    const runner = new ProjectionRunner(store, projection, { catchUpBatch: 100, liveBatchMs: 5, logger: quiet });
    runner.start();
    try {
      const written = await Promise.all([1, 2, 3].map((n) => store.appendToStream(`s${n}`, [event(n)])));
      const last = written
        .map((w) => w.position)
        .sort()
        .at(-1) as Position;

      expect(await runner.reached(last, 2000)).toBe(true);
      expect(runner.ready).toBe(true);
      expect(projection.applied.flat()).toHaveLength(3);
      expect(await runner.reached('99999999999999999999' as Position, 20)).toBe(false);
    } finally {
      await runner.stop();
    }
  });

  it('after a failure, reports it and starts again from the checkpoint: nothing applied twice or skipped', async () => {
    const projection = new Recording();
    const errors: string[] = [];
    const runner = new ProjectionRunner(store, projection, {
      catchUpBatch: 100,
      liveBatchMs: 1,
      logger: { log: () => {}, error: (m) => errors.push(m) },
    });
    runner.start();
    try {
      await runner.reached((await store.appendToStream('s', [event(1)])).position, 2000);
      projection.failNext = true;
      const second = await store.appendToStream('s', [event(2)]);

      expect(await runner.reached(second.position, 5000)).toBe(true);
      expect(errors.join('\n')).toContain('the read models are unavailable');
      expect(projection.applied.flat()).toEqual((await store.readAll()).map((e) => e.position));
    } finally {
      await runner.stop();
    }
  });
});
