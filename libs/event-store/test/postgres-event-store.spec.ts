import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DuplicateEventIdError,
  EventStoreClosedError,
  InvalidArgumentError,
  type EventToAppend,
  type Position,
  type SubscriptionMessage,
} from '#event-store';
import { PostgresEventStore, type PostgresEventStoreOptions } from '#event-store/postgres';
import { describeWithPostgres, dropSchema, freshSchema, TEST_DATABASE_URL } from './postgres-test-server.js';

/** What only the PostgreSQL adapter promises, beyond the conformance suite. */
function anEvent(data: unknown = {}): EventToAppend {
  return { eventId: randomUUID(), type: 'TestEvent', data };
}

describeWithPostgres('PostgresEventStore', () => {
  const schemas: string[] = [];
  const stores: PostgresEventStore[] = [];
  /** A store on a schema of this file's (made on first use), closed and dropped after the file. */
  const open = async (options: Partial<PostgresEventStoreOptions> = {}) => {
    const schema = options.schema ?? freshSchema('adapter');
    if (!schemas.includes(schema)) schemas.push(schema);
    // two connections each: enough for these tests, and a server other test runs share keeps room
    const store = await PostgresEventStore.connect({
      connectionString: TEST_DATABASE_URL,
      poolSize: 2,
      ...options,
      schema,
    });
    stores.push(store);
    return store;
  };
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await admin.end();
    for (const schema of schemas) await dropSchema(schema);
  });

  it('keeps its log in the schema it names, and a second process on that schema shares it', async () => {
    const schema = freshSchema('shared');
    const [first, second] = await Promise.all([open({ schema }), open({ schema })]); // migrating at once
    const written = await first.appendToStream('a', [anEvent({ n: 1 })]);

    expect((await second.readStream('a')).map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(await second.headPosition()).toBe(written.position);
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM "${schema}".events`);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('commits the appends of one turn in one transaction, each standing or failing on its own', async () => {
    const store = await open();
    const taken = anEvent();
    await store.appendToStream('taken', [taken]);

    const outcomes = await Promise.allSettled([
      store.appendToStream('a', [anEvent({ n: 1 })], { expectedRevision: 'no_stream' }),
      store.appendToStream('a', [anEvent({ n: 2 })], { expectedRevision: 'no_stream' }), // loses to the first
      store.appendToStream('b', [anEvent({ n: 3 }), anEvent({ n: 4 })]),
      store.appendToStream('c', [anEvent({ n: 5 }), taken]), // an id stored already
      store.appendToStream('a', [anEvent({ n: 6 })], { expectedRevision: 0 }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { name: 'WrongExpectedRevisionError', actual: 0 } });
    expect(outcomes[3]).toMatchObject({ reason: { name: 'DuplicateEventIdError', eventId: taken.eventId } });
    const log = await store.readAll();
    expect(log.map((e) => (e.data as { n?: number }).n)).toEqual([undefined, 1, 3, 4, 6]);
    expect(log.map((e) => Number(e.position))).toEqual([1, 2, 3, 4, 5]);
    const { rows } = await admin.query(
      `SELECT count(DISTINCT xmin::text)::int AS commits FROM "${schemas.at(-1)}".events WHERE stream_id <> 'taken'`,
    );
    expect(rows).toEqual([{ commits: 1 }]);
  });

  it('answers the others of a group whose call the server refuses, and fails only the append it refused', async () => {
    const store = await open();
    const outcomes = await Promise.allSettled([
      store.appendToStream('good-1', [anEvent()]),
      store.appendToStream('bad\u0000stream', [anEvent()]), // PostgreSQL text holds no NUL
      store.appendToStream('good-2', [anEvent()]),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['good-1', 'good-2']);
  });

  it('refuses an event id stored in another stream, writes none of the batch, and leaves no gap', async () => {
    const store = await open();
    const taken = anEvent();
    await store.appendToStream('a', [taken]);

    await expect(store.appendToStream('b', [taken])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.appendToStream('b', [anEvent(), taken])).rejects.toMatchObject({
      name: 'DuplicateEventIdError',
      eventId: taken.eventId,
    });
    await expect(store.appendToStream('a', [anEvent()], { expectedRevision: 'no_stream' })).rejects.toThrow();
    await store.appendToStream('b', [anEvent()]);

    expect(await store.readStream('b')).toHaveLength(1);
    expect((await store.readAll()).map((e) => Number(e.position))).toEqual([1, 2]);
  });

  it('treats an event id in another letter case as the same id', async () => {
    const store = await open();
    const event = anEvent();
    const first = await store.appendToStream('a', [{ ...event, eventId: event.eventId.toUpperCase() }]);
    expect(await store.appendToStream('a', [event])).toMatchObject(first);
    expect((await store.readStream('a')).map((e) => e.eventId)).toEqual([event.eventId]);
  });

  it('keeps data as it was given, and refuses data that cannot be stored as JSON', async () => {
    const store = await open();
    const data = { text: 'Қазақстан "quoted" \\ \u0000 \ud83d\ude00', nested: { list: [1, 2.5, null, true] } };
    await store.appendToStream('a', [anEvent(data)]);
    await expect(store.appendToStream('a', [anEvent({ n: 1n })])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(store.appendToStream('a', [anEvent(() => 1)])).rejects.toBeInstanceOf(InvalidArgumentError);
    expect((await store.readAll()).map((e) => e.data)).toEqual([data]);
  });

  it('rejects a position it did not issue, and a schema name it would have to quote', async () => {
    const store = await open();
    await expect(store.readAll({ after: 'abc' as Position })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => store.subscribeToAll({ after: '12' as Position })).toThrow(InvalidArgumentError);
    await expect(
      PostgresEventStore.connect({ connectionString: TEST_DATABASE_URL, schema: 'Robert"; DROP' }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('fails to open with the reason, naming the server but not its password, when none answers', async () => {
    const error = await PostgresEventStore.connect({
      connectionString: 'postgres://someone:secret@127.0.0.1:1/test',
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/test cannot be used/,
    );
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('answers the appends submitted before it closes, and commits them', async () => {
    const schema = freshSchema('closing');
    const store = await open({ schema });
    const appends = [store.appendToStream('a', [anEvent()]), store.appendToStream('b', [anEvent()])];
    await store.close();

    await expect(Promise.all(appends)).resolves.toHaveLength(2);
    const reader = await open({ schema });
    expect((await reader.readAll()).map((e) => e.streamId)).toEqual(['a', 'b']);
  });

  it('once closed, refuses work and ends its subscriptions', async () => {
    const store = await open();
    await store.appendToStream('a', [anEvent()]);
    const messages: SubscriptionMessage[] = [];
    const drained = (async () => {
      for await (const message of store.subscribeToAll()) messages.push(message);
    })();
    while (!messages.some((m) => m.type === 'caughtUp')) await sleep(5);

    await store.close();
    await store.close();

    await drained;
    expect(messages.map((m) => m.type)).toEqual(['event', 'caughtUp']);
    await expect(store.appendToStream('a', [anEvent()])).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readStream('a')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreClosedError);
  });

  it('wakes a subscription on another connection by NOTIFY, not the poll timer, when another process appends', async () => {
    const schema = freshSchema('notify');
    const reader = await open({ schema, pollIntervalMs: 60_000 });
    const writer = await open({ schema });
    const iterator = reader.subscribeToAll()[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: 'caughtUp', position: undefined });

    const event = anEvent({ from: 'writer' });
    await writer.appendToStream('shared', [event]);

    // a minute's poll would outlast the test's timeout: only the notification can deliver this
    expect((await iterator.next()).value).toMatchObject({ type: 'event', event: { eventId: event.eventId } });
    await iterator.return?.();
  }, 10_000);

  it('keeps delivering by polling while its LISTEN connection is down, and listens again', async () => {
    const schema = freshSchema('fallback');
    const reader = await open({ schema, pollIntervalMs: 50 });
    const writer = await open({ schema });
    const iterator = reader.subscribeToAll()[Symbol.asyncIterator]();
    await iterator.next(); // caught up

    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE query = $1`,
      [`LISTEN "event_store_appended_${schema}"`],
    );
    expect(rows).toEqual([{ ended: true }, { ended: true }]); // the reader's and the writer's
    while (reader.listening) await sleep(5);
    const event = anEvent();
    await writer.appendToStream('shared', [event]);

    expect((await iterator.next()).value).toMatchObject({ event: { eventId: event.eventId } });
    while (!reader.listening) await sleep(20);
    await iterator.return?.();
  }, 15_000);

  it('delivers at the consumer pace: a subscription reads a page only when the one before is consumed', async () => {
    const store = await open();
    for (let batch = 0; batch < 4; batch++) {
      await store.appendToStream(
        `s${batch}`,
        Array.from({ length: 500 }, (_, n) => anEvent({ n })),
      );
    }
    const query = jest.spyOn(pg.Pool.prototype, 'query');
    const pageReads = () =>
      query.mock.calls.filter(([config]) => /WHERE position > \$1/.test((config as { text?: string }).text ?? ''))
        .length;
    try {
      const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
      await iterator.next();
      expect(pageReads()).toBe(1); // one page of 512 of the 2,000 events
      for (let n = 1; n < 512; n++) await iterator.next();
      expect(pageReads()).toBe(1);
      await iterator.next();
      expect(pageReads()).toBe(2);
      await iterator.return?.();
    } finally {
      query.mockRestore();
    }
  });
});
