import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { METHODOLOGY_V1, scoreEntity, type ComplianceCommand, type ComplianceEvent } from '#domain';
import { entityStreamId, verifyChain } from '#event-log';
import type { EventStore, RecordedEvent } from '#event-store';
import { EntityRecords, recordFacts } from '#write-side';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import { aBin, IIN, TestApp } from './support/test-app.js';

/** An entity with a full year of compliance history, written over HTTP. */
async function exemplaryEntity(api: TestApp): Promise<string> {
  const bin = aBin();
  const writes: [string, Record<string, unknown>][] = [
    ['', { bin, name: 'Model JSC', stateSharePercent: 100 }],
    ['/compliance-service', { officerIin: IIN, establishedOn: '2020-01-01' }],
    [
      '/certificates',
      {
        certificateId: 'c1',
        certificateNumber: 'N-1',
        standard: 'ISO_37001',
        certificationBody: 'B',
        issuedOn: '2024-01-10',
        expiresOn: '2027-01-10',
      },
    ],
    ['/certificates/c1/surveillance-audits', { auditedOn: '2025-01-10', outcome: 'passed' }],
    ['/risk-analyses', { period: '2024', completedOn: '2025-03-01', risksFound: 2, publicCouncilInvolved: true }],
    ['/trainings', { completedOn: '2025-02-01', participants: 100, staffTotal: 100 }],
  ];
  for (const [path, body] of writes) {
    const reply = await api.post(path === '' ? '/v1/entities' : `/v1/entities/${bin}${path}`, body);
    expect(reply.status).toBe(201);
  }
  return bin;
}

describe('auditor reads, answered from the event log', () => {
  let api: TestApp;
  let bin: string;

  beforeAll(async () => {
    api = await TestApp.start();
    bin = await exemplaryEntity(api);
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('GET /v1/entities/{bin}/events', () => {
    it('pages through the history in order, with metadata and the hash chain', async () => {
      const first = await api.request('GET', `/v1/entities/${bin}/events?limit=4`);
      expect(first.status).toBe(200);
      expect(first.body.events.map((e: { revision: number }) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(first.body.next).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]+$/)); // an opaque cursor
      const second = await api.request('GET', `/v1/entities/${bin}/events?limit=4&cursor=${first.body.next}`);
      expect(second.body.events.map((e: { revision: number }) => e.revision)).toEqual([4, 5]);
      expect(second.body.next).toBeUndefined();
      // a cursor continues the reading it came from: not another read's, nor with a start of its own
      const refused = await Promise.all([
        api.request('GET', `/v1/entities/${bin}/events?fromRevision=0&cursor=${first.body.next}`),
        api.request('GET', `/v1/entities/${bin}/score-history?cursor=${first.body.next}`),
        api.request('GET', `/v1/register?cursor=${first.body.next}`),
      ]);
      expect(refused.map((r) => [r.status, r.body.errors?.[0]?.field])).toEqual([
        [400, 'fromRevision'],
        [400, 'cursor'],
        [400, 'cursor'],
      ]);

      const [registered, established] = first.body.events;
      expect(registered).toMatchObject({
        type: 'EntityRegistered',
        data: { bin, name: 'Model JSC', stateSharePercent: 100 },
        recordedAt: expect.any(String),
        metadata: { schemaVersion: 1, recordedBy: { id: 'test-admin', role: 'admin' } },
        prevHash: '0'.repeat(64),
      });
      expect(established.prevHash).toBe(registered.hash);
    });

    it('answers 404 for an unknown entity and 400 for a bad page', async () => {
      expect((await api.request('GET', `/v1/entities/${aBin()}/events`)).status).toBe(404);
      for (const query of ['limit=0', 'limit=1001', 'limit=abc', 'fromRevision=-1', 'fromRevision=1e16', 'page=2']) {
        const reply = await api.request('GET', `/v1/entities/${bin}/events?${query}`);
        expect(reply.status).toBe(400);
        expect(reply.headers['content-type']).toContain('application/problem+json');
      }
    });
  });

  describe('GET /v1/entities/{bin}/score', () => {
    it('explains the score at a business instant, citing the events', async () => {
      const reply = await api.request('GET', `/v1/entities/${bin}/score?asOf=2025-06-01`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        bin,
        score: 100,
        grade: 'A',
        methodologyVersion: 'v1',
        clearWave: { eligible: true, unmet: [] },
      });
      const history = (await api.request('GET', `/v1/entities/${bin}/events`)).body.events as {
        eventId: string;
        type: string;
      }[];
      const serviceEvent = history.find((e) => e.type === 'ComplianceServiceEstablished');
      expect(reply.body.factors).toContainEqual({
        pillar: 'prevention',
        factor: 'compliance_service',
        points: 10,
        eventIds: [serviceEvent?.eventId],
      });
    });

    it('follows time alone: the same history scores lower once audits, training and analysis age', async () => {
      const later = await api.request('GET', `/v1/entities/${bin}/score?asOf=2026-12-01`);
      expect(later.body).toMatchObject({ score: 70, grade: 'B' });
      expect(later.body.flags).toEqual([{ code: 'SURVEILLANCE_OVERDUE', eventIds: [expect.any(String)] }]);
    });

    it('with knownAt, uses only what had been recorded by then', async () => {
      const other = aBin();
      await api.post('/v1/entities', { bin: other, name: 'Late Starter', stateSharePercent: 51 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const between = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await api.post(`/v1/entities/${other}/compliance-service`, { officerIin: IIN, establishedOn: '2020-01-01' });

      const then = await api.request('GET', `/v1/entities/${other}/score?asOf=2025-06-01&knownAt=${between}`);
      const now = await api.request('GET', `/v1/entities/${other}/score?asOf=2025-06-01`);

      expect(then.body).toMatchObject({ score: 50, knownAt: between });
      expect(now.body.score).toBe(60);
      expect((await api.request('GET', `/v1/entities/${other}/score?knownAt=2020-01-01`)).status).toBe(404);
    });

    it('refuses an impossible instant and answers 404 for an unknown entity', async () => {
      expect((await api.request('GET', `/v1/entities/${bin}/score?asOf=2025-02-30`)).status).toBe(400);
      expect((await api.request('GET', `/v1/entities/${aBin()}/score`)).status).toBe(404);
    });
  });

  describe('GET /v1/entities/{bin} (profile)', () => {
    it('shows everything recorded, personal data included, after the last write', async () => {
      const last = (await api.request('GET', `/v1/entities/${bin}/events?fromRevision=5`)).body.events[0].position;
      const reply = await api.request('GET', `/v1/entities/${bin}?minPosition=${last}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        bin,
        name: 'Model JSC',
        stateSharePercent: 100,
        revision: 5,
        complianceService: { officerIin: IIN, establishedOn: '2020-01-01' },
        certificates: [
          {
            certificateId: 'c1',
            status: 'active',
            history: [
              {
                type: 'SurveillanceAuditCompleted',
                data: { certificateId: 'c1', auditedOn: '2025-01-10', outcome: 'passed' },
              },
            ],
          },
        ],
        trainings: [{ completedOn: '2025-02-01', participants: 100, staffTotal: 100 }],
      });
      expect((await api.request('GET', `/v1/entities/${aBin()}`)).status).toBe(404);
    });
  });

  describe('GET /v1/entities/{bin}/score-history', () => {
    it('lists each change of score or grade with the event that caused it', async () => {
      // dated relative to today: each event is scored as of the moment it was recorded
      const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
      const target = aBin();
      const writes: [string, Record<string, unknown>][] = [
        ['', { bin: target, name: 'Recent JSC', stateSharePercent: 100 }],
        ['/compliance-service', { officerIin: IIN, establishedOn: daysAgo(400) }],
        [
          '/gifts',
          {
            giftId: 'g1',
            recipientIin: IIN,
            recipientIsFamilyMember: false,
            donor: 'd',
            description: 'pen',
            valueKzt: 1,
            receivedOn: daysAgo(20),
          },
        ],
        [
          '/certificates',
          {
            certificateId: 'c1',
            certificateNumber: 'N',
            standard: 'ST_RK_3049',
            certificationBody: 'B',
            issuedOn: daysAgo(30),
            expiresOn: daysAgo(-700),
          },
        ],
        ['/trainings', { completedOn: daysAgo(10), participants: 10, staffTotal: 10 }],
      ];
      const ids: string[] = [];
      let position = '';
      for (const [path, body] of writes) {
        const written = await api.post(path === '' ? '/v1/entities' : `/v1/entities/${target}${path}`, body);
        ids.push(written.body.eventId);
        position = written.body.position;
      }

      const reply = await api.request('GET', `/v1/entities/${target}/score-history?minPosition=${position}`);

      expect(reply.status).toBe(200);
      expect(reply.body.changes).toEqual([
        expect.objectContaining({ eventId: ids[0], type: 'EntityRegistered', revision: 0, score: 50, grade: 'C' }),
        expect.objectContaining({ eventId: ids[1], type: 'ComplianceServiceEstablished', score: 60, grade: 'C' }),
        expect.objectContaining({ eventId: ids[3], type: 'CertificateIssued', score: 85, grade: 'A' }),
        expect.objectContaining({ eventId: ids[4], type: 'AntiCorruptionTrainingCompleted', score: 95, grade: 'A' }),
      ]);
      expect((await api.request('GET', `/v1/entities/${aBin()}/score-history`)).status).toBe(404);
    });

    it('pages through a long history kept by the projection, reading a page of it and nothing of the log', async () => {
      const target = aBin();
      const records = api.app.get(EntityRecords);
      const recording = { recordedBy: { id: 'seed', role: 'admin' }, correlationId: 'c', causationId: 'c' };
      // declarations, some settled within 30 days and some not: nearly every event moves the score
      const declarations = Array.from({ length: 300 }, (_, n): ComplianceCommand[] => [
        {
          type: 'DeclareConflictOfInterest',
          data: {
            declarationId: `d${n}`,
            declarantIin: IIN,
            position: 'buyer',
            nature: 'relative',
            declaredOn: '2026-06-01',
          },
        },
        {
          type: 'SettleConflictOfInterest',
          data: {
            declarationId: `d${n}`,
            measure: 'recusal',
            decidedBy: 'commission',
            settledOn: n % 3 === 0 ? '2026-08-01' : '2026-06-05',
          },
        },
      ]).flat();
      let position = '';
      for (let start = 0; start < declarations.length; start += 50) {
        const commands = declarations.slice(start, start + 50);
        if (start === 0)
          commands.unshift({ type: 'RegisterEntity', data: { bin: target, name: 'Long JSC', stateSharePercent: 100 } });
        position = (await recordFacts(records, { bin: target, commands, recording })).results.at(-1)!.position;
      }
      const store = api.app.get<EventStore>(EVENT_STORE);
      const reads = { count: 0 };
      const readStream = store.readStream.bind(store);
      store.readStream = (...args) => {
        reads.count++;
        return readStream(...args);
      };

      const pages: { changes: { revision: number; score: number }[]; next?: string }[] = [];
      let cursor: string | undefined;
      do {
        const page: (typeof pages)[number] = (
          await api.request(
            'GET',
            `/v1/entities/${target}/score-history?limit=100&minPosition=${position}${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).body;
        pages.push(page);
        cursor = page.next;
      } while (cursor !== undefined);
      store.readStream = readStream;

      expect(reads.count).toBe(0);
      expect(pages.slice(0, -1).every((page) => page.changes.length === 100)).toBe(true);
      const stored = await api.events(target);
      const expected: { revision: number; score: number }[] = [];
      for (let n = 0; n < stored.length; n++) {
        const known = stored
          .slice(0, n + 1)
          .map((e) => ({ eventId: e.eventId, event: e as unknown as ComplianceEvent }));
        const { score } = scoreEntity(
          known,
          Date.parse((stored[n].metadata as { recordedAt: string }).recordedAt),
          METHODOLOGY_V1,
        );
        if (expected.at(-1)?.score !== score) expected.push({ revision: n, score });
      }
      expect(pages.flatMap((page) => page.changes.map(({ revision, score }) => ({ revision, score })))).toEqual(
        expected,
      );
      expect(expected.length).toBeGreaterThan(300);
    });
  });

  describe('GET /v1/audit/export', () => {
    it("exports an entity's stream as NDJSON that verifies offline", async () => {
      const reply = await api.request('GET', `/v1/audit/export?bin=${bin}`);
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toContain('application/x-ndjson');
      const lines = (reply.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as RecordedEvent);
      expect(lines.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(verifyChain(lines)).toEqual({ valid: true, checkedEvents: 6, firstBrokenRevision: null });
    });

    it('exports every stream when no BIN is given, in log order', async () => {
      const reply = await api.request('GET', '/v1/audit/export');
      const lines = (reply.body as string)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as RecordedEvent);
      expect(lines.some((e) => e.streamId === entityStreamId(bin))).toBe(true);
      expect(lines.map((e) => e.position)).toEqual([...lines.map((e) => e.position)].sort());
    });
  });

  describe('GET /v1/entities/{bin}/integrity', () => {
    it('reports a valid chain, then the revision of an event edited in the database file', async () => {
      const target = await exemplaryEntity(api);
      expect((await api.request('GET', `/v1/entities/${target}/integrity`)).body).toEqual({
        valid: true,
        checkedEvents: 6,
        firstBrokenRevision: null,
        problems: [],
      });

      const raw = new DatabaseSync(join(api.dataDir, 'events.db'));
      raw
        .prepare(`UPDATE events SET data = json_set(data, '$.participants', 5) WHERE stream_id = ? AND revision = 5`)
        .run(entityStreamId(target));
      raw.close();

      expect((await api.request('GET', `/v1/entities/${target}/integrity`)).body).toEqual({
        valid: false,
        checkedEvents: 6,
        firstBrokenRevision: 5,
        problems: [],
      });
      expect((await api.request('GET', `/v1/entities/${aBin()}/integrity`)).status).toBe(404);
    });
  });
});
