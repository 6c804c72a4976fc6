import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  comparePositions,
  InvalidArgumentError,
  WrongExpectedRevisionError,
  type AllSubscription,
  type EventStore,
  type EventToAppend,
  type Position,
  type RecordedEvent,
  type SubscriptionMessage,
} from '#event-store';

/**
 * The behaviour every `EventStore` adapter must show. Each adapter's spec calls this with a
 * factory; the suite shares one store between its tests and keeps them apart with fresh
 * stream names, and reads the global log only after the head it found, so it also runs
 * against a server that holds other events (EventStoreDB).
 */
export function describeEventStoreConformance(adapter: string, openStore: () => Promise<EventStore>): void {
  describe(`EventStore conformance: ${adapter}`, () => {
    let store: EventStore;

    beforeAll(async () => {
      store = await openStore();
    });

    afterAll(async () => {
      await store?.close();
    });

    describe('appending and reading a stream', () => {
      it('appends a batch atomically and reads it back with contiguous revisions', async () => {
        const stream = streamName();
        const events = [anEvent({ n: 1 }, { by: 'test' }), anEvent({ n: 2 }), anEvent({ n: 3 })];

        const result = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

        expect(result.nextExpectedRevision).toBe(2);
        const read = await store.readStream(stream);
        expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
        expect(read[0].metadata).toEqual({ by: 'test' });
        expect(read.every((e) => e.streamId === stream && e.type === 'TestEvent')).toBe(true);
        expect(read[2].position).toBe(result.position);
        expect(read[0].created).toBeInstanceOf(Date);
      });

      it('reads a stream that does not exist as empty', async () => {
        await expect(store.readStream(streamName())).resolves.toEqual([]);
      });

      it('rejects an empty batch and a non-UUID event id without writing', async () => {
        const stream = streamName();
        await expect(store.appendToStream(stream, [])).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(
          store.appendToStream(stream, [{ eventId: 'not-a-uuid', type: 'TestEvent', data: {} }]),
        ).rejects.toBeInstanceOf(InvalidArgumentError);
        await expect(store.readStream(stream)).resolves.toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('no_stream: appends to a new stream, refuses an existing one', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });

        const error = await store
          .appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' })
          .catch((e: unknown) => e);

        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 0 });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('stream_exists: refuses a new stream, appends to an existing one', async () => {
        const stream = streamName();
        await expect(
          store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 'no_stream' });

        await store.appendToStream(stream, [anEvent()]);
        const result = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' });

        expect(result.nextExpectedRevision).toBe(1);
      });

      it('exact revision: appends at the current revision, refuses a stale or future one', async () => {
        const stream = streamName();
        const first = await store.appendToStream(stream, [anEvent(), anEvent()]);
        const second = await store.appendToStream(stream, [anEvent()], {
          expectedRevision: first.nextExpectedRevision,
        });
        expect(second.nextExpectedRevision).toBe(2);

        for (const stale of [first.nextExpectedRevision, 7]) {
          await expect(store.appendToStream(stream, [anEvent()], { expectedRevision: stale })).rejects.toMatchObject({
            name: 'WrongExpectedRevisionError',
            expected: stale,
            actual: 2,
          });
        }
        await expect(store.appendToStream(streamName(), [anEvent()], { expectedRevision: 0 })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'no_stream',
        });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('any: appends whatever the stream holds', async () => {
        const stream = streamName();
        await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        const result = await store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
        expect(result.nextExpectedRevision).toBe(1);
      });
    });

    describe('idempotent appends', () => {
      it.each(['no_stream', 'any'] as const)(
        're-appending the same events with %s returns the original result and writes nothing',
        async (expectedRevision) => {
          const stream = streamName();
          const events = [anEvent({ n: 1 }), anEvent({ n: 2 })];
          const original = await store.appendToStream(stream, events, { expectedRevision });

          const repeated = await store.appendToStream(stream, events, { expectedRevision });

          expect(original.alreadyStored).toBeUndefined();
          expect(repeated).toEqual({ ...original, alreadyStored: true });
          expect(await store.readStream(stream)).toHaveLength(2);
          expect(ofStreams(await readAllAfter(store, original.position, 100), [stream])).toEqual([]);
        },
      );

      it('re-appending at the same exact revision returns the original result', async () => {
        const stream = streamName();
        const before = await store.appendToStream(stream, [anEvent()]);
        const events = [anEvent()];
        const original = await store.appendToStream(stream, events, {
          expectedRevision: before.nextExpectedRevision,
        });

        const repeated = await store.appendToStream(stream, events, {
          expectedRevision: before.nextExpectedRevision,
        });

        expect(repeated).toEqual({ ...original, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stored ids sent again with other content write nothing and say so: the stream keeps the first', async () => {
        const stream = streamName();
        const before = await store.appendToStream(stream, [anEvent()]);
        const eventId = randomUUID();
        const first = await store.appendToStream(stream, [{ eventId, type: 'TestEvent', data: { n: 1 } }], {
          expectedRevision: before.nextExpectedRevision,
        });

        // a second request with the same name-derived id, decided on the stream as it was before
        const second = await store.appendToStream(stream, [{ eventId, type: 'TestEvent', data: { n: 2 } }], {
          expectedRevision: before.nextExpectedRevision,
        });

        expect(second).toEqual({ ...first, alreadyStored: true });
        expect((await store.readStream(stream)).map((e) => e.data)).toEqual([{}, { n: 1 }]);
      });
    });

    describe('reading in pages and directions', () => {
      it('pages a stream forwards and backwards from any revision', async () => {
        const stream = streamName();
        await store.appendToStream(
          stream,
          range(10).map((n) => anEvent({ n })),
        );

        const page = await store.readStream(stream, { fromRevision: 3, maxCount: 4 });
        expect(page.map((e) => e.revision)).toEqual([3, 4, 5, 6]);

        const lastThree = await store.readStream(stream, { direction: 'backwards', maxCount: 3 });
        expect(lastThree.map((e) => e.revision)).toEqual([9, 8, 7]);

        const fromFive = await store.readStream(stream, { direction: 'backwards', fromRevision: 5, maxCount: 2 });
        expect(fromFive.map((e) => e.revision)).toEqual([5, 4]);

        expect(await store.readStream(stream, { fromRevision: 'end' })).toEqual([]);
        expect(await store.readStream(stream, { fromRevision: 10 })).toEqual([]);
      });

      it('orders every event of the log by position, across streams', async () => {
        const head = await store.headPosition();
        const streams = [streamName(), streamName(), streamName()];
        const appended: string[] = [];
        for (let round = 0; round < 4; round++) {
          for (const stream of streams) {
            const event = anEvent({ round });
            appended.push(event.eventId);
            await store.appendToStream(stream, [event]);
          }
        }

        const read = ofStreams(await readAllAfter(store, head, 5), streams);

        expect(read.map((e) => e.eventId)).toEqual(appended);
        expect(isStrictlyIncreasing(read.map((e) => e.position))).toBe(true);
        const headAfter = await store.headPosition();
        expect(headAfter && comparePositions(headAfter, read[read.length - 1].position)).toBeGreaterThanOrEqual(0);
      });

      it('answers the position of each append, ordered like the log', async () => {
        const a = await store.appendToStream(streamName(), [anEvent()]);
        const b = await store.appendToStream(streamName(), [anEvent()]);
        expect(comparePositions(a.position, b.position)).toBeLessThan(0);
        expect(comparePositions(b.position, a.position)).toBeGreaterThan(0);
        expect(comparePositions(a.position, a.position)).toBe(0);
      });
    });

    describe('catch-up subscription to all', () => {
      it('delivers history, signals caught-up, then delivers live appends in order', async () => {
        const head = await store.headPosition();
        const stream = streamName();
        const history = range(5).map((n) => anEvent({ n }));
        await store.appendToStream(stream, history);

        const subscription = store.subscribeToAll({ after: head });
        const received = collect(subscription, stream);
        await received.until((m) => m.caughtUp);
        const live = range(3).map((n) => anEvent({ n: 5 + n }));
        for (const event of live) await store.appendToStream(stream, [event]);
        await received.until((m) => m.events.length === 8);
        await subscription.unsubscribe();
        const { events, caughtUpAfter } = await received.done;

        expect(events.map((e) => e.eventId)).toEqual([...history, ...live].map((e) => e.eventId));
        expect(caughtUpAfter).toBe(5);
      });

      it('resumes after a checkpoint without repeating or skipping an event', async () => {
        const stream = streamName();
        const first = await store.appendToStream(stream, [anEvent(), anEvent()]);
        const rest = [anEvent(), anEvent(), anEvent()];
        await store.appendToStream(stream, rest);

        const subscription = store.subscribeToAll({ after: first.position });
        const received = collect(subscription, stream);
        await received.until((m) => m.caughtUp);
        await subscription.unsubscribe();

        expect((await received.done).events.map((e) => e.eventId)).toEqual(rest.map((e) => e.eventId));
      });

      it('ends the iteration when unsubscribed while waiting for events', async () => {
        const subscription = store.subscribeToAll({ after: await store.headPosition() });
        const received = collect(subscription, streamName());
        await received.until((m) => m.caughtUp);
        await subscription.unsubscribe();
        await expect(received.done).resolves.toMatchObject({ events: [] });
      });
    });

    describe('concurrent appenders', () => {
      it('50 optimistic appenders to one stream lose nothing and leave no gap', async () => {
        const stream = streamName();
        const perAppender = 4;
        const written = await Promise.all(
          range(50).map((appender) => appendWithRetry(store, stream, perAppender, appender)),
        );

        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(range(50 * perAppender));
        expect(new Set(read.map((e) => e.eventId))).toEqual(new Set(written.flat()));
      });

      it('50 unconditional appenders to one stream lose nothing and leave no gap', async () => {
        const stream = streamName();
        const events = range(50).map((n) => anEvent({ n }));
        await Promise.all(events.map((event) => store.appendToStream(stream, [event], { expectedRevision: 'any' })));

        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual(range(50));
        expect(new Set(read.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
      });

      it('50 appenders to 50 streams lose nothing, each stream contiguous, the log ordered', async () => {
        const head = await store.headPosition();
        const streams = range(50).map(() => streamName());
        await Promise.all(
          streams.map(async (stream) => {
            for (let batch = 0; batch < 5; batch++) {
              await store.appendToStream(stream, [anEvent({ batch }), anEvent({ batch })], {
                expectedRevision: batch === 0 ? 'no_stream' : batch * 2 - 1,
              });
            }
          }),
        );

        for (const stream of streams) {
          expect((await store.readStream(stream)).map((e) => e.revision)).toEqual(range(10));
        }
        const log = ofStreams(await readAllAfter(store, head, 97), streams);
        expect(log).toHaveLength(500);
        expect(isStrictlyIncreasing(log.map((e) => e.position))).toBe(true);
      });
    });

    describe('large streams', () => {
      it('holds 100,000 events in one stream and pages through them', async () => {
        const stream = streamName();
        const total = 100_000;
        const batch = 1_000;
        for (let start = 0; start < total; start += batch) {
          await store.appendToStream(
            stream,
            range(batch).map((i) => anEvent({ n: start + i })),
            { expectedRevision: start === 0 ? 'no_stream' : start - 1 },
          );
        }

        let count = 0;
        let next = 0;
        for (;;) {
          const page = await store.readStream(stream, { fromRevision: next, maxCount: 25_000 });
          if (page.length === 0) break;
          page.forEach((event, i) => {
            if (event.revision !== next + i || (event.data as { n: number }).n !== next + i) {
              throw new Error(`event at revision ${next + i} is out of place`);
            }
          });
          count += page.length;
          next += page.length;
        }
        expect(count).toBe(total);

        const tail = await store.readStream(stream, { direction: 'backwards', maxCount: 2 });
        expect(tail.map((e) => e.revision)).toEqual([total - 1, total - 2]);
        expect(await store.readStream(stream, { fromRevision: 54_321, maxCount: 1 })).toMatchObject([
          { revision: 54_321, data: { n: 54_321 } },
        ]);
      }, 120_000);
    });
  });
}

function streamName(): string {
  return `conformance-${randomUUID()}`;
}

function anEvent(data: unknown = {}, metadata?: unknown): EventToAppend {
  return { eventId: randomUUID(), type: 'TestEvent', data, metadata };
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function isStrictlyIncreasing(positions: Position[]): boolean {
  return positions.every((p, i) => i === 0 || comparePositions(positions[i - 1], p) < 0);
}

function ofStreams(events: RecordedEvent[], streams: string[]): RecordedEvent[] {
  const wanted = new Set(streams);
  return events.filter((e) => wanted.has(e.streamId));
}

async function readAllAfter(
  store: EventStore,
  after: Position | undefined,
  pageSize: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let cursor = after; ;) {
    const page = await store.readAll({ after: cursor, maxCount: pageSize });
    events.push(...page);
    if (page.length < pageSize) return events;
    cursor = page[page.length - 1].position;
  }
}

/** Appends `count` single events, re-reading the revision and retrying on every conflict. */
async function appendWithRetry(store: EventStore, stream: string, count: number, appender: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const event = anEvent({ appender, i });
    for (;;) {
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      try {
        await store.appendToStream(stream, [event], { expectedRevision: last ? last.revision : 'no_stream' });
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    ids.push(event.eventId);
  }
  return ids;
}

interface Received {
  events: RecordedEvent[];
  caughtUp: boolean;
  /** How many of the stream's events had arrived when `caughtUp` did. */
  caughtUpAfter: number;
}

/** Drains a subscription in the background, keeping the events of one stream. */
function collect(subscription: AllSubscription, stream: string) {
  const received: Received = { events: [], caughtUp: false, caughtUpAfter: -1 };
  let changed = (): void => {};
  const done = (async () => {
    for await (const message of subscription as AsyncIterable<SubscriptionMessage>) {
      if (message.type === 'caughtUp') {
        received.caughtUp = true;
        received.caughtUpAfter = received.events.length;
      } else if (message.event.streamId === stream) {
        received.events.push(message.event);
      }
      changed();
    }
    return received;
  })();
  return {
    done,
    /** Waits until the predicate holds, failing after 10 s instead of hanging the suite. */
    until(predicate: (r: Received) => boolean): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('subscription did not deliver in time')), 10_000);
        const check = (): void => {
          if (predicate(received)) {
            clearTimeout(timer);
            resolve();
          }
        };
        changed = check;
        check();
        done.catch(reject);
      });
    },
  };
}
