import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  DuplicateEventIdError,
  EventStoreClosedError,
  InvalidArgumentError,
  type EventToAppend,
  type Position,
  type SubscriptionMessage,
} from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { describeEventStoreConformance } from './event-store-conformance.js';

const scratch = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function databaseFile(): string {
  return join(scratch, `${randomUUID()}`, 'events.db');
}

/** Frames in the file's write-ahead log: what commits have written since the last checkpoint. */
function walFrames(filename: string): number {
  const size = existsSync(`${filename}-wal`) ? statSync(`${filename}-wal`).size : 0;
  return size <= 32 ? 0 : Math.round((size - 32) / (8192 + 24));
}

function anEvent(data: unknown = {}): EventToAppend {
  return { eventId: randomUUID(), type: 'TestEvent', data };
}

describeEventStoreConformance('SQLite (node:sqlite)', async () => SqliteEventStore.open({ filename: databaseFile() }));

describe('SqliteEventStore', () => {
  it('keeps every event across close and reopen, in a WAL-mode file', async () => {
    const filename = databaseFile();
    const store = SqliteEventStore.open({ filename });
    const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
    const written = await store.appendToStream('entity-1', events, { expectedRevision: 'no_stream' });
    await store.close();

    const reopened = SqliteEventStore.open({ filename, synchronous: 'full' });
    const read = await reopened.readStream('entity-1');
    const next = await reopened.appendToStream('entity-1', [anEvent()], { expectedRevision: 1 });
    await reopened.close();

    expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(read[1].position).toBe(written.position);
    expect(next.nextExpectedRevision).toBe(2);
    const raw = new DatabaseSync(filename);
    expect(raw.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    raw.close();
  });

  it('commits the appends of one turn together, each standing or failing on its own', async () => {
    const filename = databaseFile();
    const store = SqliteEventStore.open({ filename });
    const transactionsBefore = walFrames(filename);

    const outcomes = await Promise.allSettled([
      store.appendToStream('a', [anEvent({ n: 1 })], { expectedRevision: 'no_stream' }),
      store.appendToStream('a', [anEvent({ n: 2 })], { expectedRevision: 'no_stream' }), // loses to the first
      store.appendToStream('b', [anEvent({ n: 3 }), anEvent({ n: 4 })]),
      store.appendToStream('a', [anEvent({ n: 5 })], { expectedRevision: 0 }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { name: 'WrongExpectedRevisionError' } });
    expect((await store.readAll()).map((e) => (e.data as { n: number }).n)).toEqual([1, 3, 4, 5]);
    expect(walFrames(filename) - transactionsBefore).toBeLessThanOrEqual(4); // one commit: a few pages, not four commits' worth
    await store.close();
  });

  it('resolves an append only once it is committed, and commits what is pending when closed', async () => {
    const filename = databaseFile();
    const store = SqliteEventStore.open({ filename });
    let resolved = false;
    const append = store.appendToStream('a', [anEvent()]).then(() => (resolved = true));
    const outsider = new DatabaseSync(filename);
    const count = () => (outsider.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;

    expect([resolved, count()]).toEqual([false, 0]);
    await store.close();
    await append;
    expect([resolved, count()]).toEqual([true, 1]);
    outsider.close();
  });

  it('refuses an event id stored in another stream and writes none of the batch', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    const taken = anEvent();
    await store.appendToStream('a', [taken]);

    await expect(store.appendToStream('b', [taken])).rejects.toBeInstanceOf(DuplicateEventIdError);
    await expect(store.appendToStream('b', [anEvent(), taken])).rejects.toMatchObject({
      name: 'DuplicateEventIdError',
      eventId: taken.eventId,
    });

    expect(await store.readStream('b')).toEqual([]);
    expect(await store.readAll()).toHaveLength(1);
    await store.close();
  });

  it('leaves no gap in the log after rejected appends', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    const first = anEvent();
    await store.appendToStream('a', [first]);
    await expect(store.appendToStream('a', [anEvent()], { expectedRevision: 'no_stream' })).rejects.toThrow();
    // the batch is longer than one INSERT statement, so its first rows are in before the duplicate
    const long = Array.from({ length: 250 }, () => anEvent());
    long[180] = first;
    await expect(store.appendToStream('b', long)).rejects.toMatchObject({ eventId: first.eventId });
    await store.appendToStream('b', [anEvent()]);

    const positions = (await store.readAll()).map((e) => Number(e.position));
    await store.close();

    expect(positions).toEqual([1, 2]);
  });

  it('rejects a position it did not issue', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    await expect(store.readAll({ after: 'abc' as Position })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(() => store.subscribeToAll({ after: '12' as Position })).toThrow(InvalidArgumentError);
    await store.close();
  });

  it('once closed, refuses work and ends its subscriptions', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    await store.appendToStream('a', [anEvent()]);
    const subscription = store.subscribeToAll();
    const messages: SubscriptionMessage[] = [];
    const drained = (async () => {
      for await (const message of subscription) messages.push(message);
    })();
    while (!messages.some((m) => m.type === 'caughtUp')) await new Promise((r) => setTimeout(r, 5));

    await store.close();
    await store.close();

    await drained;
    expect(messages.map((m) => m.type)).toEqual(['event', 'caughtUp']);
    await expect(store.appendToStream('a', [anEvent()])).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readStream('a')).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreClosedError);
  });

  it('wakes a live subscription on an append made while its consumer was busy, without waiting for the poll', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile(), pollIntervalMs: 60_000 });
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: 'caughtUp' });

    // the consumer is "busy" (not awaiting next()) while these appends land
    const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
    await store.appendToStream('busy', [events[0]]);
    const first = iterator.next();
    const second = first.then(async () => {
      await store.appendToStream('busy', [events[1]]);
      return iterator.next();
    });

    // with a lost wake-up these would wait the full minute and the test would time out
    expect((await first).value).toMatchObject({ event: { eventId: events[0].eventId } });
    expect((await second).value).toMatchObject({ event: { eventId: events[1].eventId } });
    await subscription.unsubscribe();
    await store.close();
  }, 10_000);

  it('ends a subscription unsubscribed before it was ever iterated', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    await store.appendToStream('a', [anEvent()]);
    const subscription = store.subscribeToAll();
    await subscription.unsubscribe();
    await expect(subscription[Symbol.asyncIterator]().next()).resolves.toEqual({ done: true, value: undefined });
    await store.close();
  });

  it('treats an event id in another letter case as the same id', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    const event = anEvent();
    const first = await store.appendToStream('a', [{ ...event, eventId: event.eventId.toUpperCase() }]);
    const again = await store.appendToStream('a', [event]);

    expect(again).toEqual({ ...first, alreadyStored: true });
    expect((await store.readStream('a')).map((e) => e.eventId)).toEqual([event.eventId]);
    await store.close();
  });

  it('refuses data that cannot be stored as JSON, writing nothing', async () => {
    const store = SqliteEventStore.open({ filename: databaseFile() });
    await expect(store.appendToStream('a', [anEvent({ n: 1n })])).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(store.appendToStream('a', [anEvent(() => 1)])).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await store.readAll()).toEqual([]);
    await store.close();
  });

  it('delivers to a live subscription the events another connection appends to the same file', async () => {
    const filename = databaseFile();
    const reader = SqliteEventStore.open({ filename, pollIntervalMs: 10 });
    const writer = SqliteEventStore.open({ filename });
    const subscription = reader.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ type: 'caughtUp', position: undefined });

    const event = anEvent({ from: 'writer' });
    await writer.appendToStream('shared', [event]);
    const next = await iterator.next();

    expect(next.value).toMatchObject({ type: 'event', event: { eventId: event.eventId, data: { from: 'writer' } } });
    await subscription.unsubscribe();
    await Promise.all([reader.close(), writer.close()]);
  });

  it('property: whatever appenders try, a stream holds contiguous revisions and nothing refused', async () => {
    const expectation = fc.oneof(
      fc.constantFrom('no_stream' as const, 'stream_exists' as const, 'any' as const),
      fc.nat({ max: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(expectation, fc.integer({ min: 1, max: 3 })), { maxLength: 25 }),
        async (attempts) => {
          const store = SqliteEventStore.open({ filename: databaseFile() });
          try {
            let accepted = 0;
            await Promise.all(
              attempts.map(async ([expectedRevision, size]) => {
                const events = Array.from({ length: size }, () => anEvent());
                const ok = await store.appendToStream('s', events, { expectedRevision }).then(
                  () => true,
                  () => false,
                );
                if (ok) accepted += size;
              }),
            );
            const stored = await store.readStream('s');
            expect(stored.map((e) => e.revision)).toEqual(stored.map((_, i) => i));
            expect(stored).toHaveLength(accepted);
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
