import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceCommand } from '#domain';
import { ComplianceEventLog, entityStreamId, verifyChain } from '#event-log';
import { newEventId, WrongExpectedRevisionError, type EventStore } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { RecordFact } from '../src/commands/record-fact.command.js';
import { RecordFactHandler } from '../src/commands/record-fact.handler.js';
import { EntityRecords } from '#write-side';
import type { WriteContext } from '../src/commands/write-context.js';

const BIN = '081140000436';
const register: ComplianceCommand = { type: 'RegisterEntity', data: { bin: BIN, name: 'KTZ', stateSharePercent: 100 } };
const training = (participants: number): ComplianceCommand => ({
  type: 'CompleteAntiCorruptionTraining',
  data: { completedOn: '2025-11-11', participants, staffTotal: 100 },
});
const write = (extra: Partial<WriteContext> = {}): WriteContext => ({
  principal: { id: 'key-1', role: 'officer' },
  correlationId: 'c',
  requestId: newEventId(),
  method: 'POST',
  route: '/v1/entities/:bin/trainings',
  ...extra,
});

/**
 * Another writer that gets in between this handler's read and its append, `times` times: the
 * race that concurrent HTTP requests produce, made deterministic.
 */
function interferingStore(store: EventStore, log: () => ComplianceEventLog, times: number) {
  let interferences = times;
  let conflicts = 0;
  const wrapped: EventStore = Object.create(store) as EventStore;
  wrapped.readStream = async (streamId, options) => {
    const events = await store.readStream(streamId, options);
    if (interferences > 0 && events.length > 0) {
      interferences--;
      await log().append(
        await log().load(BIN),
        [
          {
            type: 'AntiCorruptionTrainingCompleted',
            data: { completedOn: '2025-01-01', participants: 99, staffTotal: 100 },
          },
        ],
        {
          recordedBy: { id: 'other', role: 'officer' },
          correlationId: 'x',
          causationId: 'y',
        },
      );
    }
    return events;
  };
  wrapped.appendToStream = async (...args) => {
    try {
      return await store.appendToStream(...args);
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) conflicts++;
      throw error;
    }
  };
  return { wrapped, conflicts: () => conflicts };
}

describe('RecordFactHandler under races', () => {
  let dir: string;
  let store: SqliteEventStore;
  let plainLog: ComplianceEventLog;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handler-'));
    store = SqliteEventStore.open({ filename: join(dir, 'events.db') });
    plainLog = new ComplianceEventLog(store);
    await new RecordFactHandler(new EntityRecords(plainLog)).execute(new RecordFact(BIN, register, write(), 'f0'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function handlerWith(interferences: number) {
    const race = interferingStore(store, () => plainLog, interferences);
    return {
      handler: new RecordFactHandler(new EntityRecords(new ComplianceEventLog(race.wrapped))),
      conflicts: race.conflicts,
    };
  }

  it('decides again after losing a race, so both writes land at contiguous revisions', async () => {
    const { handler, conflicts } = handlerWith(3);

    const { result } = await handler.execute(new RecordFact(BIN, training(10), write(), 'f1'));

    expect(conflicts()).toBe(3);
    const events = await store.readStream(entityStreamId(BIN));
    expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    expect(result.revision).toBe(4);
    expect((events[4].data as { participants: number }).participants).toBe(10);
  });

  it('trusts the stream it kept from its last write, and reads again when another process wrote since', async () => {
    const handler = new RecordFactHandler(new EntityRecords(plainLog));
    await handler.execute(new RecordFact(BIN, training(1), write(), 'f1'));
    const elsewhere = new RecordFactHandler(new EntityRecords(new ComplianceEventLog(store)));
    await elsewhere.execute(new RecordFact(BIN, training(2), write(), 'f2'));

    const { result } = await handler.execute(new RecordFact(BIN, training(3), write({ expectedRevision: 2 }), 'f3'));

    expect(result.revision).toBe(3);
    const events = await store.readStream(entityStreamId(BIN));
    expect(events.map((e) => (e.data as { participants?: number }).participants)).toEqual([undefined, 1, 2, 3]);
    expect(await new ComplianceEventLog(store).load(BIN)).toMatchObject({ revision: 3 });
  });

  it('reads again before refusing on a kept stream: the fact that allows the command may come from elsewhere', async () => {
    const handler = new RecordFactHandler(new EntityRecords(plainLog));
    await handler.execute(new RecordFact(BIN, training(1), write(), 'f1'));
    const elsewhere = new RecordFactHandler(new EntityRecords(new ComplianceEventLog(store)));
    const appoint: ComplianceCommand = {
      type: 'AppointHead',
      data: { iin: '860311300524', fullName: 'Head Person', position: 'chairman', appointedOn: '2025-01-01' },
    };
    await elsewhere.execute(new RecordFact(BIN, appoint, write(), 'f2'));

    const dismiss: ComplianceCommand = {
      type: 'DismissHead',
      data: { iin: '860311300524', dismissedOn: '2025-06-01' },
    };
    const { result } = await handler.execute(new RecordFact(BIN, dismiss, write(), 'f3'));

    expect(result.revision).toBe(3);
    expect((await store.readStream(entityStreamId(BIN))).map((e) => e.type).slice(-2)).toEqual([
      'HeadAppointed',
      'HeadDismissed',
    ]);
  });

  it('answers 412 when it loses a race under If-Match', async () => {
    const { handler, conflicts } = handlerWith(1);

    const failure = await handler
      .execute(new RecordFact(BIN, training(10), write({ expectedRevision: 0 }), 'f1'))
      .catch((e: unknown) => e);

    expect(conflicts()).toBe(1);
    expect(failure).toMatchObject({ problem: { status: 412, currentRevision: 1 } });
    expect(await store.readStream(entityStreamId(BIN))).toHaveLength(2);
  });

  it('replays, not 412, a retry with a key and If-Match whose first attempt landed unanswered', async () => {
    const handler = new RecordFactHandler(new EntityRecords(plainLog));
    const context = write({ idempotencyKey: 'k', expectedRevision: 0 });
    const first = await handler.execute(new RecordFact(BIN, training(10), context, 'f1'));
    const amnesiac = new RecordFactHandler(new EntityRecords(plainLog));

    const retry = await amnesiac.execute(
      new RecordFact(BIN, training(10), { ...context, requestId: newEventId() }, 'f1'),
    );

    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(await store.readStream(entityStreamId(BIN))).toHaveLength(2);
  });

  it('frees the key of a request that was refused, for the next request', async () => {
    const handler = new RecordFactHandler(new EntityRecords(plainLog));
    const impossible: ComplianceCommand = {
      type: 'HandOverGift',
      data: { giftId: 'none', handedOverOn: '2025-01-01', handedOverTo: 'x' },
    };
    await expect(
      handler.execute(new RecordFact(BIN, impossible, write({ idempotencyKey: 'k' }), 'f-refused')),
    ).rejects.toMatchObject({
      problem: { status: 404 },
    });

    const next = await handler.execute(new RecordFact(BIN, training(10), write({ idempotencyKey: 'k' }), 'f-next'));

    expect(next.replayed).toBe(false);
  });

  it('a retry that reaches another process, whose kept stream is behind, is answered from the first write; that process then keeps the stream as stored', async () => {
    const here = new RecordFactHandler(new EntityRecords(plainLog));
    const there = new RecordFactHandler(new EntityRecords(new ComplianceEventLog(store)));
    await there.execute(new RecordFact(BIN, training(1), write(), 'f1')); // `there` keeps revision 1
    const context = write({ idempotencyKey: 'retried' });
    const first = await here.execute(new RecordFact(BIN, training(5), context, 'f5'));

    // the same ids, appended after revision 1 again: the store writes nothing and says so
    const retry = await there.execute(new RecordFact(BIN, training(5), { ...context, requestId: newEventId() }, 'f5'));
    const otherBody = await there
      .execute(new RecordFact(BIN, training(6), { ...context, requestId: newEventId() }, 'f6'))
      .catch((error: unknown) => error);
    const next = await there.execute(new RecordFact(BIN, training(7), write(), 'f7'));

    expect(retry).toEqual({ result: first.result, replayed: true });
    expect(otherBody).toMatchObject({ problem: { status: 422 } });
    expect(next.result.revision).toBe(first.result.revision + 1);
    expect(verifyChain(await store.readStream(entityStreamId(BIN))).valid).toBe(true);
    const stream = await new ComplianceEventLog(store).load(BIN);
    expect(stream.events.map((e) => (e.event.data as { participants?: number }).participants)).toEqual([
      undefined,
      1,
      5,
      7,
    ]);
  });

  it('binds a key to the first request even when another races it on another entity', async () => {
    const handler = new RecordFactHandler(new EntityRecords(plainLog));
    const other = '940740000911';
    await handler.execute(
      new RecordFact(
        other,
        { type: 'RegisterEntity', data: { bin: other, name: 'B', stateSharePercent: 1 } },
        write(),
        'r',
      ),
    );

    const results = await Promise.allSettled([
      handler.execute(new RecordFact(BIN, training(1), write({ idempotencyKey: 'shared' }), 'f-a')),
      handler.execute(new RecordFact(other, training(1), write({ idempotencyKey: 'shared' }), 'f-b')),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { problem: { status: 422 } } });
    const written =
      (await store.readStream(entityStreamId(BIN))).length + (await store.readStream(entityStreamId(other))).length;
    expect(written).toBe(1 + 1 + 1); // two registrations and one training
  });
});
