import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rmSync } from 'node:fs';
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
        expiresOn: '2027-01-10',
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
      rating: { score: 85, grade: 'A', methodologyVersion: 'v1', asOf: '2025-05-31T19:00:00.000Z' },
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
        last36Months: { convictions: 0, giftBanViolations: 0, undeclaredConflicts: 0, headSanctions: 0 },
        conflictsOfInterest: { declared36m: 1, settled36m: 1, overdue: 0 },
      },
      clearWave: { eligible: true, unmet: [] },
      registerIndices: [
        { index: 'payment_discipline', value: 91, source: 'State Revenue Committee', asOf: '2025-04-01' },
      ],
    });
    expect(reply.body.flags.map((f: { code: string }) => f.code)).toEqual(['OFFENCE_UNDER_INVESTIGATION']);
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
});
