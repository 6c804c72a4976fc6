import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AllSubscription, EventToAppend, Position, RecordedEvent } from '#event-store';
import { PostgresEventStore } from '#event-store/postgres';
import { describeWithPostgres, dropSchema, freshSchema, TEST_DATABASE_URL } from './postgres-test-server.js';

/**
 * Gap-free global order under concurrent transactions. A subscriber reads `position > last`;
 * if positions could commit out of order, it would pass over an event that commits after a
 * later one, and never read it. These tests show the pitfall on this server, that the store
 * does not fall into it, and, as a property, that concurrent appenders on separate connections
 * never make a live subscriber skip, repeat or reorder an event.
 */
const APPENDERS = 4;

function anEvent(data: unknown = {}): EventToAppend {
  return { eventId: randomUUID(), type: 'TestEvent', data };
}

describeWithPostgres('PostgreSQL event store: global order under concurrent transactions', () => {
  const schema = freshSchema('ordering');
  let appenders: PostgresEventStore[] = [];
  let subscriber: PostgresEventStore;
  const raw = () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    client.on('error', () => undefined);
    return client;
  };

  beforeAll(async () => {
    // each appender on a connection of its own; the subscriber on another, woken by NOTIFY
    appenders = await Promise.all(
      Array.from({ length: APPENDERS }, () =>
        PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 1 }),
      ),
    );
    subscriber = await PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema, poolSize: 1 });
  });

  afterAll(async () => {
    await Promise.all([...appenders, subscriber].map((store) => store?.close()));
    await dropSchema(schema);
  });

  it('the pitfall, on this server: with a sequence, a reader of position > last skips an event that commits late', async () => {
    const [slow, fast, reader] = [raw(), raw(), raw()];
    await Promise.all([slow.connect(), fast.connect(), reader.connect()]);
    try {
      await reader.query(`CREATE TABLE "${schema}".naive_log (position bigserial PRIMARY KEY, note text)`);
      await slow.query('BEGIN');
      await slow.query(`INSERT INTO "${schema}".naive_log (note) VALUES ('slow')`); // takes 1, not yet committed
      await fast.query(`INSERT INTO "${schema}".naive_log (note) VALUES ('fast')`); // takes 2, committed
      const read = async (after: number) =>
        (await reader.query(`SELECT position::int FROM "${schema}".naive_log WHERE position > $1`, [after])).rows.map(
          (row: { position: number }) => row.position,
        );

      const firstRead = await read(0);
      await slow.query('COMMIT');
      const secondRead = await read(Math.max(0, ...firstRead));

      expect(firstRead).toEqual([2]);
      expect(secondRead).toEqual([]); // 1 is in the table, and the reader will never see it
      expect(await read(0)).toEqual([1, 2]);
    } finally {
      await Promise.all([slow.end(), fast.end(), reader.end()]);
    }
  });

  it('the store: an append waits while an earlier one is uncommitted, so positions follow commit order', async () => {
    const [store] = appenders;
    const head = await store.headPosition();
    const slow = raw();
    const watcher = raw();
    await Promise.all([slow.connect(), watcher.connect()]);
    try {
      // an append stopped halfway: its transaction holds the append lock and has not committed
      const slowEvent = anEvent({ n: 'slow' });
      await slow.query('BEGIN');
      const [held] = (
        await slow.query(`SELECT last_position::text FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7)`, [
          ['slow'],
          ['any'],
          [1],
          [slowEvent.eventId],
          ['TestEvent'],
          ['{"n":"slow"}'],
          [null],
        ])
      ).rows as { last_position: string }[];

      const fastEvent = anEvent({ n: 'fast' });
      const fast = store.appendToStream('fast', [fastEvent]);
      // the fast append is in the server, waiting on the slow one's lock (not a clock: the server says so)
      for (;;) {
        const { rows } = await watcher.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE '%"${schema}".append_batch%'`,
        );
        if ((rows[0] as { waiting: number }).waiting > 0) break;
        await sleep(5);
      }
      expect(await subscriber.readAll({ after: head })).toEqual([]);

      await slow.query('COMMIT');
      const fastResult = await fast;

      expect(Number(fastResult.position)).toBe(Number(held.last_position) + 1);
      const log = await subscriber.readAll({ after: head });
      expect(log.map((e) => e.eventId)).toEqual([slowEvent.eventId, fastEvent.eventId]);
    } finally {
      await slow.query('ROLLBACK').catch(() => undefined);
      await Promise.all([slow.end(), watcher.end()]);
    }
  });

  it('property: concurrent appenders on separate connections; a live subscriber, resumed from its checkpoint once, gets every event once, in log order', async () => {
    const step = fc.record({
      stream: fc.integer({ min: 0, max: 3 }),
      size: fc.integer({ min: 1, max: 3 }),
      yields: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: APPENDERS }),
        fc.integer({ min: 1, max: 30 }),
        async (plans, resubscribeAfter) => {
          const run = randomUUID();
          const streams = new Set([0, 1, 2, 3].map((n) => `ordering-${run}-${n}`));
          const start = await subscriber.headPosition();
          const total = plans.flat().reduce((sum, s) => sum + s.size, 0);
          const received = receive(start, streams, resubscribeAfter);

          // each appender awaits its own appends in turn; the appenders run at once
          const acknowledged = await Promise.all(
            plans.map(async (plan, appender) => {
              const mine: { ids: string[]; position: Position }[] = [];
              for (const { stream, size, yields } of plan) {
                for (let i = 0; i < yields; i++) await new Promise((resolve) => setImmediate(resolve));
                const events = Array.from({ length: size }, () => anEvent({ appender }));
                const result = await appenders[appender].appendToStream(`ordering-${run}-${stream}`, events);
                mine.push({ ids: events.map((e) => e.eventId), position: result.position });
              }
              return mine;
            }),
          );
          const delivered = await received.until(total);

          const ids = delivered.map((e) => e.eventId);
          expect(new Set(ids).size).toBe(ids.length); // nothing twice
          expect(new Set(ids)).toEqual(new Set(acknowledged.flat().flatMap((a) => a.ids))); // nothing skipped
          const log = (await subscriber.readAll({ after: start, maxCount: 10_000 })).filter((e) =>
            streams.has(e.streamId),
          );
          expect(ids).toEqual(log.map((e) => e.eventId)); // in the log's order
          expect(delivered.every((e, i) => i === 0 || delivered[i - 1].position < e.position)).toBe(true);
          // every append is where it was acknowledged, and each appender's appends in the order it made them
          const positionOf = new Map(delivered.map((e) => [e.eventId, e.position]));
          for (const mine of acknowledged) {
            for (const { ids: batch, position } of mine) expect(positionOf.get(batch[batch.length - 1])).toBe(position);
            const lasts = mine.map(({ position }) => position);
            expect([...lasts].sort()).toEqual(lasts);
          }
          for (const stream of streams) {
            const revisions = delivered.filter((e) => e.streamId === stream).map((e) => e.revision);
            expect(revisions).toEqual(revisions.map((_, i) => i));
          }
        },
      ),
      { numRuns: 30, endOnFailure: true }, // a failing run waits out its delivery: shrinking would take minutes
    );
  }, 60_000);

  /**
   * A live subscriber on its own connection: it keeps the events of `streams`, and once it has
   * `resubscribeAfter` of them it unsubscribes and subscribes again from the last one it got.
   */
  function receive(after: Position | undefined, streams: Set<string>, resubscribeAfter: number) {
    const delivered: RecordedEvent[] = [];
    let subscription: AllSubscription = subscriber.subscribeToAll({ after });
    let failure: unknown;
    const drain = async (): Promise<void> => {
      let resubscribed = false;
      for (;;) {
        for await (const message of subscription) {
          if (message.type !== 'event' || !streams.has(message.event.streamId)) continue;
          delivered.push(message.event);
          if (!resubscribed && delivered.length === resubscribeAfter) break;
        }
        if (resubscribed || delivered.length !== resubscribeAfter) return;
        resubscribed = true;
        await subscription.unsubscribe();
        subscription = subscriber.subscribeToAll({ after: delivered[delivered.length - 1].position });
      }
    };
    const drained = drain().catch((error: unknown) => (failure = error));
    return {
      /** The events delivered once `count` have arrived; fails after 10 s rather than hang. */
      async until(count: number): Promise<RecordedEvent[]> {
        for (let waited = 0; delivered.length < count && failure === undefined && waited < 10_000; waited += 5) {
          await sleep(5);
        }
        await subscription.unsubscribe();
        await drained;
        if (failure !== undefined) throw failure;
        return delivered;
      },
    };
  }
});
