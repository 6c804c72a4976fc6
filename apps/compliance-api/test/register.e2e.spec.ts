import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { METHODOLOGY_V1 } from '#domain';
import { ReadModels } from '#projections';
import { ReadYourWrites } from '../src/read-side/read-your-writes.js';
import { aBin, IIN, OTHER_IIN, TestApp } from './support/test-app.js';

/** Writes an entity with a rich history over HTTP; answers its BIN and the last write's position. */
async function entityWithHistory(api: TestApp): Promise<{ bin: string; position: string }> {
  const bin = aBin();
  const writes: [string, Record<string, unknown>][] = [
    ['', { bin, name: 'Kazakhstan Temir Zholy', stateSharePercent: 100, sector: 'transport', region: 'Astana' }],
    ['/compliance-service', { officerIin: IIN, officerName: 'Dana N.', establishedOn: '2020-01-01' }],
    ['/heads', { iin: OTHER_IIN, fullName: 'Head Person', position: 'chairman', appointedOn: '2021-01-01' }],
    [
      '/certificates',
      {
        certificateId: 'c1',
        certificateNumber: 'KZ-37001-1',
        standard: 'ISO_37001',
        edition: '2016',
        certificationBody: 'Body',
        issuedOn: '2024-01-10',
        expiresOn: '2034-01-09' /* as long as a certificate may run: valid for years from now */,
      },
    ],
    ['/certificates/c1/surveillance-audits', { auditedOn: '2025-01-10', outcome: 'passed' }],
    [
      '/conflicts-of-interest',
      {
        declarationId: 'd1',
        declarantIin: IIN,
        position: 'buyer',
        nature: 'spouse at supplier',
        declaredOn: '2025-01-01',
      },
    ],
    ['/conflicts-of-interest/d1/settlement', { measure: 'recusal', decidedBy: 'commission', settledOn: '2025-01-05' }],
    [
      '/gifts',
      {
        giftId: 'g1',
        recipientIin: IIN,
        recipientIsFamilyMember: false,
        donor: 'Supplier',
        description: 'watch',
        valueKzt: 100000,
        receivedOn: '2025-02-01',
      },
    ],
    [
      '/corruption-offences',
      { offenceId: 'o1', employeeIin: IIN, position: 'engineer', category: 'fraud', registeredOn: '2025-03-01' },
    ],
    [
      '/sanctions',
      {
        sanctionId: 's1',
        headIin: OTHER_IIN,
        headPosition: 'chairman',
        sanction: 'reprimand',
        offenceId: 'o1',
        imposedOn: '2025-03-10',
      },
    ],
    [
      '/undeclared-conflicts',
      { personIin: IIN, description: 'stake in a contractor', detectedOn: '2023-01-10', detectionSource: 'audit' },
    ],
    [
      '/gift-ban-violations',
      { personIin: OTHER_IIN, description: 'kept a gift', occurredOn: '2023-02-01', valueKzt: 90000 },
    ],
    [
      '/register-indices',
      { index: 'payment_discipline', value: 91, source: 'State Revenue Committee', asOf: '2025-04-01' },
    ],
  ];
  let position = '';
  for (const [path, body] of writes) {
    const reply = await api.post(path === '' ? '/v1/entities' : `/v1/entities/${bin}${path}`, body);
    expect(reply.status).toBe(201);
    position = reply.body.position;
  }
  return { bin, position };
}

describe('the Business Partners Register view', () => {
  let api: TestApp;
  let entity: { bin: string; position: string };

  beforeAll(async () => {
    api = await TestApp.start();
    entity = await entityWithHistory(api);
  });

  afterAll(async () => {
    await api.stop();
    rmSync(api.dataDir, { recursive: true, force: true }); // restarted on the same folder, so not owned
  });

  it('answers the rating, indicators, flags, clear wave and indices of an entity, read after its writes', async () => {
    const reply = await api.request('GET', `/v1/register/${entity.bin}?asOf=2025-06-01&minPosition=${entity.position}`);

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      bin: entity.bin,
      name: 'Kazakhstan Temir Zholy',
      sector: 'transport',
      region: 'Astana',
      advisory: true,
      rating: { score: 65, grade: 'C', methodologyVersion: 'v1', asOf: '2025-05-31T19:00:00.000Z' },
      indicators: {
        certificate: {
          status: 'valid',
          standard: 'ISO_37001',
          edition: '2016',
          certificateNumber: 'KZ-37001-1',
          certificationBody: 'Body',
        },
        complianceService: { established: true },
        openInvestigations: 1,
        last12Months: { convictions: 0, giftBanViolations: 0, undeclaredConflicts: 0, headSanctions: 1 },
        last36Months: { convictions: 0, giftBanViolations: 1, undeclaredConflicts: 1, headSanctions: 1 },
        conflictsOfInterest: { declared36m: 1, settled36m: 1, overdue: 0 },
      },
      clearWave: { eligible: false, unmet: ['MINIMUM_SCORE'] },
      registerIndices: [
        { index: 'payment_discipline', value: 91, source: 'State Revenue Committee', asOf: '2025-04-01' },
      ],
    });
    expect(reply.body.flags.map((f: { code: string }) => f.code)).toEqual([
      'GIFT_BAN_VIOLATION_36M',
      'UNDECLARED_CONFLICT_36M',
      'OFFENCE_UNDER_INVESTIGATION',
      'HEAD_SANCTIONED_36M',
    ]);
  });

  it('serves the current view as of the moment it answers, the same as computing it then', async () => {
    const first = await api.request('GET', `/v1/register/${entity.bin}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await api.request('GET', `/v1/register/${entity.bin}`);
    const exact = await api.request('GET', `/v1/register/${entity.bin}?asOf=${second.body.rating.asOf}`);

    expect(Date.parse(second.body.rating.asOf)).toBeGreaterThan(Date.parse(first.body.rating.asOf));
    expect(second.body.knownAt).toBe(second.body.rating.asOf);
    expect(second.body).toEqual({ ...exact.body, knownAt: second.body.knownAt });
  });

  it('answers the plain current view before the controller, exactly as the controller would, and leaves the rest to it', async () => {
    const controller = jest.spyOn(api.app.get(ReadYourWrites), 'reach');
    try {
      const early = await api.request('GET', `/v1/register/${entity.bin}`);
      expect(controller).not.toHaveBeenCalled();
      const viaController = await api.request('GET', `/v1/register/${entity.bin}?minPosition=${entity.position}`);
      expect(controller).toHaveBeenCalledTimes(1);
      expect(early.status).toBe(200);
      expect(early.body).toEqual({ ...viaController.body, rating: early.body.rating, knownAt: early.body.knownAt });
      expect(early.body.rating).toEqual({ ...viaController.body.rating, asOf: early.body.rating.asOf });
      const headers = (reply: { headers: Record<string, unknown> }) =>
        Object.keys(reply.headers)
          .filter((name) => !['date', 'content-length'].includes(name))
          .sort();
      expect(headers(early)).toEqual(headers(viaController));
      expect(early.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(early.headers['x-content-type-options']).toBe('nosniff');

      // every role the route admits gets it early; refusals and other answers are the controller's
      for (const role of ['officer', 'registry', 'auditor'] as const) {
        const reply = await api.request('GET', `/v1/register/${entity.bin}`, undefined, {
          authorization: `Bearer ${api.keys[role]}`,
        });
        expect(reply.status).toBe(200);
      }
      expect(controller).toHaveBeenCalledTimes(1);
      expect((await api.request('GET', `/v1/register/${entity.bin}`, undefined, { authorization: '' })).status).toBe(
        401,
      );
      expect((await api.request('GET', `/v1/register/${aBin()}`)).status).toBe(404);
      expect(controller).toHaveBeenCalledTimes(2);
      // a malformed BIN reaches the controller's validation, which refuses it before the handler
      expect((await api.request('GET', '/v1/register/081140000437')).status).toBe(400);
    } finally {
      controller.mockRestore();
    }
  });

  it('shows no personal data of employees: no IIN, no person named', async () => {
    const single = await api.request('GET', `/v1/register/${entity.bin}?minPosition=${entity.position}`);
    const lookup = await api.post('/v1/register/lookup', { bins: [entity.bin] });
    for (const body of [JSON.stringify(single.body), JSON.stringify(lookup.body)]) {
      expect(body).not.toContain(IIN);
      expect(body).not.toContain(OTHER_IIN);
      expect(body).not.toContain('Head Person');
      expect(body).not.toContain('Dana N.');
    }
  });

  it('looks up many BINs in one call, in the order asked, marking the unknown ones', async () => {
    const unknown = aBin();
    const reply = await api.post('/v1/register/lookup', { bins: [unknown, entity.bin, unknown] });
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveLength(3);
    expect(reply.body[0]).toEqual({ bin: unknown, found: false });
    expect(reply.body[1]).toMatchObject({ bin: entity.bin, advisory: true });
    expect(reply.body[2]).toEqual({ bin: unknown, found: false });
  });

  it('refuses a lookup of more than 1000 BINs, or of a malformed one', async () => {
    const tooMany = Array.from({ length: 1001 }, () => entity.bin);
    expect((await api.post('/v1/register/lookup', { bins: tooMany })).status).toBe(400);
    const bad = await api.post('/v1/register/lookup', { bins: [entity.bin, '081140000437'] });
    expect(bad.status).toBe(400);
    expect((await api.post('/v1/register/lookup', { bins: [] })).status).toBe(400);
  });

  it('answers 404 for an entity never registered', async () => {
    expect((await api.request('GET', `/v1/register/${aBin()}`)).status).toBe(404);
  });

  it('answers 503 with Retry-After when the read models do not reach minPosition in time', async () => {
    const reply = await api.request('GET', `/v1/register/${entity.bin}?minPosition=99999999999999999999`);
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('1');
    expect(reply.body.type).toBe('urn:compliance-engine:problem:read-models-behind');
  });

  it('after a restart, resumes from its checkpoint (no replay) and serves the same views', async () => {
    const url = `/v1/register/${entity.bin}?asOf=2025-06-01&knownAt=2030-01-01&minPosition=${entity.position}`;
    const before = await api.request('GET', url);
    await api.app.close();
    const restarted = await TestApp.start(api.dataDir);
    try {
      // replaying already-applied events would break the read models' primary keys and stop
      // the projection, so a healthy restart shows it resumed from its checkpoint
      let health = await restarted.request('GET', '/health');
      for (let tries = 0; health.status !== 200 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        health = await restarted.request('GET', '/health');
      }
      expect(health.body).toMatchObject({ status: 'ok', details: { readModels: { checkpoint: entity.position } } });
      expect((await restarted.request('GET', url)).body).toEqual(before.body);
    } finally {
      await restarted.app.close();
    }
    api = await TestApp.start(api.dataDir);
  });

  describe('GET /v1/register (list)', () => {
    it('filters by sector, region, certification, grade and clear wave, and pages by BIN', async () => {
      const bare = aBin();
      const created = await api.post('/v1/entities', {
        bin: bare,
        name: 'Bare LLP',
        stateSharePercent: 50,
        sector: 'energy',
        region: 'Almaty',
      });
      const minPosition = created.body.position;
      await api.request('GET', `/v1/register/${bare}?minPosition=${minPosition}`); // the read models have it

      const transport = await api.request('GET', `/v1/register?sector=transport&minPosition=${minPosition}`);
      expect(JSON.stringify(transport.body)).not.toContain(IIN);
      expect(transport.status).toBe(200);
      expect(transport.body.items.map((i: { bin: string }) => i.bin)).toContain(entity.bin);
      expect(transport.body.items.map((i: { bin: string }) => i.bin)).not.toContain(bare);

      const certified = (await api.request('GET', '/v1/register?certified=true')).body.items.map(
        (i: { bin: string }) => i.bin,
      );
      const uncertified = (await api.request('GET', '/v1/register?certified=false&region=Almaty')).body.items;
      expect(certified).toContain(entity.bin);
      expect(certified).not.toContain(bare);
      expect(uncertified).toEqual([
        expect.objectContaining({
          bin: bare,
          name: 'Bare LLP',
          certified: false,
          clearWave: false,
          grade: 'C',
          score: 50,
        }),
      ]);
      const gradeC = (await api.request('GET', '/v1/register?grade=C&clearWave=false')).body.items.map(
        (i: { bin: string }) => i.bin,
      );
      expect(gradeC).toContain(bare);

      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.request('GET', `/v1/register?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        all.push(...page.body.items.map((i: { bin: string }) => i.bin));
        cursor = page.body.next;
      } while (cursor !== undefined);
      expect(all).toEqual([...all].sort());
      expect(new Set(all).size).toBe(all.length);
      expect(all).toEqual(expect.arrayContaining([entity.bin, bare]));
    });

    it('lists a holding with its subsidiary and sub-subsidiary (holding=), and no other entity', async () => {
      const [holding, subsidiary, subSubsidiary, elsewhere] = [aBin(), aBin(), aBin(), aBin()];
      let minPosition = '';
      for (const [bin, parentBin] of [[holding], [subsidiary, holding], [subSubsidiary, subsidiary], [elsewhere]]) {
        const reply = await api.post('/v1/entities', {
          bin,
          name: `Group member ${bin}`,
          stateSharePercent: 100,
          ...(parentBin === undefined ? {} : { parentBin }),
        });
        minPosition = reply.body.position;
      }

      const group = await api.request('GET', `/v1/register?holding=${holding}&minPosition=${minPosition}`);
      const branch = await api.request('GET', `/v1/register?holding=${subsidiary}`);

      expect(group.status).toBe(200);
      expect(group.body.items.map((i: { bin: string; parentBin: string | null }) => [i.bin, i.parentBin])).toEqual(
        [
          [holding, null],
          [subsidiary, holding],
          [subSubsidiary, subsidiary],
        ].sort(([a], [b]) => (a as string).localeCompare(b as string)),
      );
      expect(branch.body.items.map((i: { bin: string }) => i.bin)).toEqual([subsidiary, subSubsidiary].sort());
      expect((await api.request('GET', `/v1/register?holding=${aBin()}`)).body.items).toEqual([]);
      expect((await api.request('GET', '/v1/register?holding=081140000437')).status).toBe(400); // check digit
    });

    it('finds Cyrillic and Kazakh names by words in any case (name=), every word required', async () => {
      const names = ['ҚАЗАҚСТАН ТЕМІР ЖОЛЫ', 'Казахтелеком', 'Қазақстан Инжиниринг'];
      const bins = names.map(() => aBin());
      let minPosition = '';
      for (const [i, name] of names.entries()) {
        minPosition = (await api.post('/v1/entities', { bin: bins[i], name, stateSharePercent: 100 })).body.position;
      }
      const found = async (words: string) => {
        const reply = await api.request(
          'GET',
          `/v1/register?name=${encodeURIComponent(words)}&minPosition=${minPosition}`,
        );
        expect(reply.status).toBe(200);
        return reply.body.items.map((i: { name: string }) => i.name);
      };

      expect(await found('қазақстан')).toEqual(expect.arrayContaining([names[0], names[2]]));
      expect(await found('қазақстан')).not.toContain(names[1]);
      expect(await found('ТЕМІР қазақстан')).toEqual([names[0]]);
      expect(await found('казахТЕЛЕКОМ')).toEqual([names[1]]);
      expect(await found('қазақстан телеком')).toEqual([]);
      expect(await found('  жолы  ')).toEqual([names[0]]);
      for (const query of ['name=', `name=${'x'.repeat(101)}`, 'name=%E2%80%AEabc']) {
        expect((await api.request('GET', `/v1/register?${query}`)).status).toBe(400);
      }
    });

    it('refuses unknown filters and malformed values', async () => {
      for (const query of ['grade=E', 'certified=yes', 'limit=0', 'cursor=123', 'colour=red']) {
        expect((await api.request('GET', `/v1/register?${query}`)).status).toBe(400);
      }
    });
  });

  describe('GET /v1/register/changes', () => {
    it('pages through changed views in log order, each entity once per page, with a cursor', async () => {
      const first = await api.request('GET', '/v1/register/changes?limit=1000');
      expect(first.status).toBe(200);
      const bins = first.body.changes.map((c: { bin: string }) => c.bin);
      expect(new Set(bins).size).toBe(bins.length);
      expect(bins).toContain(entity.bin);
      const change = first.body.changes.find((c: { bin: string }) => c.bin === entity.bin);
      expect(change).toMatchObject({ position: entity.position, view: { bin: entity.bin, advisory: true } });
      expect(JSON.stringify(first.body)).not.toContain(IIN);

      const rest = await api.request('GET', `/v1/register/changes?cursor=${first.body.next}`);
      expect(rest.body).toEqual({ changes: [], next: first.body.next });
      const fromTheWrite = await api.request('GET', `/v1/register/changes?after=${entity.position}`);
      expect(fromTheWrite.body.changes.map((c: { bin: string }) => c.bin)).not.toContain(entity.bin);
      for (const bad of [
        'after=null',
        'after=zzzz',
        'after=1',
        'cursor=zzzz',
        `after=${entity.position}&cursor=${first.body.next}`,
      ]) {
        expect((await api.request('GET', `/v1/register/changes?${bad}`)).status).toBe(400);
      }
    });

    it('streams changes as server-sent events with follow=true, live', async () => {
      const head = (await api.request('GET', '/v1/register/changes?limit=1000')).body.next;
      await api.app.listen(0, '127.0.0.1');
      const url = `${await api.app.getUrl()}/v1/register/changes?follow=true&cursor=${head}`;
      const abort = new AbortController();
      const response = await fetch(url, {
        signal: abort.signal,
        headers: { authorization: `Bearer ${api.keys.registry}` },
      });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();

      const bin = aBin();
      const write = await api.post('/v1/entities', { bin, name: 'Streamed JSC', stateSharePercent: 75 });
      let received = '';
      while (!/event: change\n.*\n\n/s.test(received))
        received += new TextDecoder().decode((await reader.read()).value);
      abort.abort();

      expect(received).toContain(`id: ${write.body.position}\nevent: change\n`);
      const data = JSON.parse(received.split('data: ')[1].split('\n')[0]);
      expect(data).toMatchObject({ bin, position: write.body.position, view: { name: 'Streamed JSC' } });
    });

    it('lets the service shut down while a client follows the feed', async () => {
      const other = await TestApp.start();
      await other.app.listen(0, '127.0.0.1');
      const response = await fetch(`${await other.app.getUrl()}/v1/register/changes?follow=true`, {
        headers: { authorization: `Bearer ${other.keys.registry}` },
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // the stream is open

      await other.stop(); // would hang until the 10 s grace period if the stream held the server

      expect((await reader.read()).done).toBe(true);
    }, 8_000);
  });

  it('does not serve a stored view past the instant time alone changes it: a certificate valid through its expiry day', async () => {
    const bin = aBin();
    expect((await api.post('/v1/entities', { bin, name: 'Expiring JSC', stateSharePercent: 100 })).status).toBe(201);
    const issued = await api.post(`/v1/entities/${bin}/certificates`, {
      certificateId: 'c1',
      certificateNumber: 'KZ-37001-9',
      standard: 'ISO_37001',
      certificationBody: 'Body',
      issuedOn: '2024-01-10',
      expiresOn: '2027-01-01',
    });
    await api.request('GET', `/v1/register/${bin}?minPosition=${issued.body.position}`);
    const views = api.app.get(ReadModels).registerViews;
    const status = (at: string) => {
      const answer = views.current(bin, Date.parse(at));
      return JSON.parse(answer && 'json' in answer ? answer.json : '{}').indicators.certificate.status;
    };

    expect(status('2027-01-01T23:59:59.999+05:00')).toBe('valid'); // valid through its expiry day
    expect(status('2027-01-02T00:00:00+05:00')).toBe('expired');
    expect(status('2027-01-01T23:59:59.999+05:00')).toBe('valid'); // a clock set back gets no view of the future
  });

  it('computes stored views again when the service starts with another methodology', async () => {
    const bin = aBin();
    const registered = await api.post('/v1/entities', { bin, name: 'Methodical JSC', stateSharePercent: 100 });
    const before = await api.request('GET', `/v1/register/${bin}?minPosition=${registered.body.position}`);
    await api.stop({ keepData: true });
    const strict = join(api.dataDir, 'strict-methodology.json');
    writeFileSync(strict, JSON.stringify({ ...METHODOLOGY_V1, version: 'v1-strict', grades: { A: 95, B: 90, C: 85 } }));
    api = await TestApp.start(api.dataDir, { env: { METHODOLOGY_FILE: strict } });

    // derived under another methodology, the read models are replayed from the log at start-up
    const after = await api.request('GET', `/v1/register/${bin}?minPosition=${registered.body.position}`);

    expect(before.body.rating.methodologyVersion).toBe('v1');
    expect(after.body.rating.methodologyVersion).toBe('v1-strict');
  });

  it('serves a new event in the current view as soon as the read models have it', async () => {
    const bin = aBin();
    const registered = await api.post('/v1/entities', { bin, name: 'Old Name JSC', stateSharePercent: 100 });
    const before = await api.request('GET', `/v1/register/${bin}?minPosition=${registered.body.position}`);
    const renamed = await api.send('PATCH', `/v1/entities/${bin}`, { name: 'New Name JSC', changedOn: '2025-01-01' });

    const after = await api.request('GET', `/v1/register/${bin}?minPosition=${renamed.body.position}`);
    const again = await api.request('GET', `/v1/register/${bin}`);

    expect([before.body.name, after.body.name, again.body.name]).toEqual([
      'Old Name JSC',
      'New Name JSC',
      'New Name JSC',
    ]);
  });
});
