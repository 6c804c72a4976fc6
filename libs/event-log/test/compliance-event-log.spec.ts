import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ComplianceEvent } from '#domain';
import { newEventId, WrongExpectedRevisionError } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import {
  canonicalJson,
  ChainVerifier,
  ComplianceEventLog,
  complianceUpcasters,
  entityStreamId,
  GENESIS_HASH,
  hashEvent,
  verifyChain,
  type RecordingContext,
} from '#event-log';

const BIN = '081140000436';
const context: RecordingContext = {
  recordedBy: { id: 'key-1', role: 'officer' },
  correlationId: 'corr-1',
  causationId: 'req-1',
};
const registered: ComplianceEvent = {
  type: 'EntityRegistered',
  data: { bin: BIN, name: 'Samruk-Kazyna', stateSharePercent: 100 },
};
const training = (participants: number): ComplianceEvent => ({
  type: 'AntiCorruptionTrainingCompleted',
  data: { completedOn: '2025-05-05', participants, staffTotal: 100 },
});

describe('ComplianceEventLog', () => {
  let dir: string;
  let filename: string;
  let store: SqliteEventStore;
  let log: ComplianceEventLog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-log-'));
    filename = join(dir, 'events.db');
    store = SqliteEventStore.open({ filename });
    log = new ComplianceEventLog(store, complianceUpcasters(), () => new Date('2026-01-02T03:04:05.000Z'));
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function recordFive(): Promise<void> {
    await log.append(await log.load(BIN), [registered], context);
    for (let n = 1; n <= 4; n++) await log.append(await log.load(BIN), [training(n)], context);
  }

  it('wraps each event in the metadata envelope and chains it to the previous one', async () => {
    const {
      results: [first],
    } = await log.append(await log.load(BIN), [registered], context);
    const {
      results: [second],
    } = await log.append(await log.load(BIN), [training(10)], {
      ...context,
      idempotency: { key: 'k', fingerprint: 'f' },
    });

    const stream = await log.load(BIN);
    expect(first).toMatchObject({ streamId: entityStreamId(BIN), revision: 0 });
    expect(second.revision).toBe(1);
    expect(stream.revision).toBe(1);
    expect(stream.events.map((e) => e.event)).toEqual([registered, training(10)]);
    const [a, b] = stream.events.map((e) => e.metadata);
    expect(a).toMatchObject({
      schemaVersion: 1,
      recordedAt: '2026-01-02T03:04:05.000Z',
      recordedBy: { id: 'key-1', role: 'officer' },
      correlationId: 'corr-1',
      causationId: 'req-1',
      prevHash: GENESIS_HASH,
    });
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.prevHash).toBe(a.hash);
    expect(b.idempotency).toEqual({ key: 'k', fingerprint: 'f' });
    expect(verifyChain(await store.readStream(entityStreamId(BIN)))).toEqual({
      valid: true,
      checkedEvents: 2,
      firstBrokenRevision: null,
    });
  });

  it('stores data and metadata with their keys in canonical order, so the stored JSON is the canonical form', async () => {
    const unordered: ComplianceEvent = {
      type: 'EntityRegistered',
      data: { stateSharePercent: 100, name: 'Samruk-Kazyna', bin: BIN },
    };
    await log.append(await log.load(BIN), [unordered, training(10)], context);
    const stored = await store.readStream(entityStreamId(BIN));
    for (const event of stored) {
      expect(Object.keys(event.data as object)).toEqual(Object.keys(event.data as object).sort());
      expect(Object.keys(event.metadata as object)).toEqual(Object.keys(event.metadata as object).sort());
      expect(JSON.stringify(event.metadata)).toBe(canonicalJson(event.metadata));
    }
    const raw = new DatabaseSync(filename, { readOnly: true });
    const row = raw.prepare('SELECT data FROM events WHERE revision = 0').get() as { data: string };
    raw.close();
    expect(row.data).toBe('{"bin":"081140000436","name":"Samruk-Kazyna","stateSharePercent":100}');
    expect(row.data).toBe(canonicalJson(unordered.data));
  });

  it('refuses to append after a stream it loaded has moved on', async () => {
    const stale = await log.load(BIN);
    await log.append(stale, [registered], context);
    await expect(log.append(stale, [registered], context)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('hashes values, not formatting: the same event with its keys in another order has the same hash', () => {
    const metadata = {
      schemaVersion: 1,
      recordedAt: 't',
      recordedBy: { id: 'k', role: 'r' },
      correlationId: 'c',
      causationId: 'c',
      prevHash: GENESIS_HASH,
    };
    const base = { streamId: 's', revision: 0, eventId: 'e', type: 'T', metadata };
    expect(hashEvent({ ...base, data: { a: 1, b: [1, 2], c: { d: 1.0, e: 'x' } } })).toBe(
      hashEvent({ ...base, data: { c: { e: 'x', d: 1 }, b: [1, 2], a: 1 } }),
    );
    expect(hashEvent({ ...base, data: { a: 1 } })).not.toBe(hashEvent({ ...base, data: { a: 2 } }));
  });

  describe('tamper evidence on the stored file', () => {
    it('reports the revision of an event whose data was edited in the database', async () => {
      await recordFive();
      await store.close();
      const raw = new DatabaseSync(filename);
      raw
        .prepare(`UPDATE events SET data = json_set(data, '$.participants', 99) WHERE stream_id = ? AND revision = 2`)
        .run(entityStreamId(BIN));
      raw.close();
      store = SqliteEventStore.open({ filename });

      expect(verifyChain(await store.readStream(entityStreamId(BIN)))).toEqual({
        valid: false,
        checkedEvents: 3,
        firstBrokenRevision: 2,
      });
    });

    it('reports the revision of an event deleted from the database', async () => {
      await recordFive();
      await store.close();
      const raw = new DatabaseSync(filename);
      raw.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 3').run(entityStreamId(BIN));
      raw.close();
      store = SqliteEventStore.open({ filename });

      expect(verifyChain(await store.readStream(entityStreamId(BIN)))).toMatchObject({
        valid: false,
        firstBrokenRevision: 3,
      });
    });

    it('reports an event whose hash was recomputed after an edit, at the next revision', async () => {
      await recordFive();
      const events = await store.readStream(entityStreamId(BIN));
      await store.close();
      const forged = events[1];
      const { hash: _old, ...unhashed } = forged.metadata as Record<string, unknown>;
      const data = { ...(forged.data as object), participants: 100 };
      const hash = hashEvent({ ...forged, data, metadata: unhashed as never });
      const raw = new DatabaseSync(filename);
      raw
        .prepare('UPDATE events SET data = ?, metadata = ? WHERE stream_id = ? AND revision = 1')
        .run(JSON.stringify(data), JSON.stringify({ ...unhashed, hash }), entityStreamId(BIN));
      raw.close();
      store = SqliteEventStore.open({ filename });

      expect(verifyChain(await store.readStream(entityStreamId(BIN)))).toMatchObject({
        valid: false,
        firstBrokenRevision: 2,
      });
    });
  });

  describe('schema evolution', () => {
    it('loads a CertificateIssued stored in schema v1 as v2, and its stored hash still verifies', async () => {
      await log.append(await log.load(BIN), [registered], context);
      const [previous] = await store.readStream(entityStreamId(BIN), { direction: 'backwards', maxCount: 1 });
      const v1Data = {
        certificateId: 'cert-1',
        certificateNumber: 'KZ.7500403.22.03.00101',
        standard: 'ISO_37001_2016',
        certificationBody: 'Certification body',
        issuedOn: '2021-03-01',
        expiresOn: '2024-03-01',
      };
      const metadata = {
        ...context,
        schemaVersion: 1,
        recordedAt: '2021-03-02T00:00:00.000Z',
        prevHash: (previous.metadata as { hash: string }).hash,
      };
      const eventId = newEventId();
      const hash = hashEvent({
        streamId: entityStreamId(BIN),
        revision: 1,
        eventId,
        type: 'CertificateIssued',
        data: v1Data,
        metadata,
      });
      await store.appendToStream(
        entityStreamId(BIN),
        [{ eventId, type: 'CertificateIssued', data: v1Data, metadata: { ...metadata, hash } }],
        {
          expectedRevision: 0,
        },
      );

      const loaded = (await log.load(BIN)).events[1];

      expect(loaded.event).toEqual({
        type: 'CertificateIssued',
        data: { ...v1Data, standard: 'ISO_37001', edition: '2016' },
      });
      expect(loaded.metadata.schemaVersion).toBe(1);
      expect(verifyChain(await store.readStream(entityStreamId(BIN))).valid).toBe(true);
    });

    it('stamps new events with the current schema version of their type', async () => {
      await log.append(await log.load(BIN), [registered], context);
      await log.append(
        await log.load(BIN),
        [
          {
            type: 'CertificateIssued',
            data: {
              certificateId: 'c',
              certificateNumber: 'n',
              standard: 'ST_RK_3049',
              certificationBody: 'b',
              issuedOn: '2025-01-01',
              expiresOn: '2028-01-01',
            },
          },
        ],
        context,
      );
      expect((await log.load(BIN)).events.map((e) => e.metadata.schemaVersion)).toEqual([1, 2]);
    });
  });
});

describe('ChainVerifier', () => {
  it('verifies many interleaved streams in one pass over the log, naming the broken one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verifier-'));
    const store = SqliteEventStore.open({ filename: join(dir, 'events.db') });
    const log = new ComplianceEventLog(store);
    const bins = ['081140000436', '940740000911'];
    for (let round = 0; round < 3; round++) {
      for (const bin of bins) {
        const event: ComplianceEvent =
          round === 0 ? { type: 'EntityRegistered', data: { bin, name: 'E', stateSharePercent: 1 } } : training(round);
        await log.append(await log.load(bin), [event], context);
      }
    }
    const all = await store.readAll();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    const tampered = all.map((e) =>
      e.streamId === entityStreamId(bins[1]) && e.revision === 1 ? { ...e, data: { forged: true } } : e,
    );

    const verifier = new ChainVerifier();
    tampered.forEach((e) => verifier.add(e));

    expect(Object.fromEntries(verifier.verdicts())).toEqual({
      [entityStreamId(bins[0])]: { valid: true, checkedEvents: 3, firstBrokenRevision: null },
      [entityStreamId(bins[1])]: { valid: false, checkedEvents: 2, firstBrokenRevision: 1 },
    });
  });
});
