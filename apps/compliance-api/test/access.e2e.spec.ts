import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aBin, IIN, TestApp } from './support/test-app.js';

type Who = 'admin' | 'officer' | 'registry' | 'auditor' | 'nobody' | 'stranger';

/** The access table of PRODUCT.md section 7, proved both ways. */
describe('access: API keys, roles and entity scopes', () => {
  const holding = aBin();
  const subsidiary = aBin();
  const foreign = aBin();
  const unregistered = aBin(); // listed on the officer's key, not yet registered
  let api: TestApp;
  let position = '';

  beforeAll(async () => {
    api = await TestApp.start(undefined, { officerBins: [holding, unregistered] });
    for (const [bin, parentBin] of [[holding], [subsidiary, holding], [foreign]] as const) {
      const reply = await api.post('/v1/entities', {
        bin,
        name: `Entity ${bin}`,
        stateSharePercent: 100,
        ...(parentBin ? { parentBin } : {}),
      });
      expect(reply.status).toBe(201);
      position = reply.body.position;
    }
    await api.request('GET', `/v1/register/${foreign}?minPosition=${position}`); // the read models have all three
  });

  afterAll(async () => {
    await api.stop();
  });

  const authorization = (who: Who): Record<string, string> =>
    who === 'nobody'
      ? { authorization: '' }
      : who === 'stranger'
        ? { authorization: 'Bearer cek_not-a-key-we-issued' }
        : { authorization: `Bearer ${api.keys[who]}` };
  const training = { completedOn: '2025-11-11', participants: 10, staffTotal: 20 };
  const index = { index: 'payment_discipline', value: 80, source: 'State Revenue Committee', asOf: '2025-12-01' };

  async function expectAnswer(
    who: Who,
    method: 'GET' | 'POST',
    url: string,
    status: number,
    body?: unknown,
  ): Promise<void> {
    const bin = /\/v1\/entities\/(\d{12})/.exec(url)?.[1];
    const before = bin ? (await api.events(bin)).length : 0;
    const reply = await api.request(
      method,
      url,
      body === undefined ? undefined : JSON.stringify(body),
      authorization(who),
    );
    expect({ who, method, url, status: reply.status }).toEqual({ who, method, url, status });
    if (status >= 400) {
      expect(reply.headers['content-type']).toContain('application/problem+json');
      if (bin) expect(await api.events(bin)).toHaveLength(before); // refused: nothing written
    }
  }

  it('asks for a key on everything but health and the documentation: 401 without one or with an unknown one', async () => {
    for (const who of ['nobody', 'stranger'] as const) {
      await expectAnswer(who, 'GET', `/v1/register/${holding}`, 401);
      await expectAnswer(who, 'POST', `/v1/entities/${holding}/trainings`, 401, training);
      await expectAnswer(who, 'GET', `/v1/entities/${holding}/events`, 401);
      await expectAnswer(who, 'GET', '/v1/audit/export', 401);
    }
    expect((await api.request('GET', '/v1/register', undefined, { authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(
      401,
    );
    expect((await api.request('GET', '/health', undefined, authorization('nobody'))).status).toBe(200);
    expect((await api.request('GET', '/docs-json', undefined, authorization('nobody'))).status).toBe(200);
  });

  it('officer: writes and reads its own entities and their subsidiaries, reads the register, nothing else', async () => {
    await expectAnswer('officer', 'POST', `/v1/entities/${holding}/trainings`, 201, training);
    await expectAnswer('officer', 'POST', `/v1/entities/${subsidiary}/trainings`, 201, training);
    await expectAnswer('officer', 'POST', `/v1/entities/${foreign}/trainings`, 403, training);
    await expectAnswer('officer', 'POST', '/v1/entities', 201, {
      bin: aBin(),
      name: 'New subsidiary',
      stateSharePercent: 100,
      parentBin: holding,
    });
    await expectAnswer('officer', 'POST', '/v1/entities', 403, {
      bin: aBin(),
      name: 'Elsewhere',
      stateSharePercent: 100,
      parentBin: foreign,
    });
    await expectAnswer('officer', 'POST', '/v1/entities', 403, { bin: aBin(), name: 'Orphan', stateSharePercent: 100 });
    await expectAnswer('officer', 'GET', `/v1/entities/${subsidiary}/score`, 200);
    await expectAnswer('officer', 'GET', `/v1/entities/${holding}`, 200);
    await expectAnswer('officer', 'GET', `/v1/entities/${foreign}`, 403);
    await expectAnswer('officer', 'GET', `/v1/entities/${foreign}/events`, 403);
    await expectAnswer('officer', 'GET', `/v1/register/${foreign}`, 200);
    await expectAnswer('officer', 'POST', '/v1/register/lookup', 200, { bins: [foreign] });
    await expectAnswer('officer', 'POST', `/v1/entities/${holding}/register-indices`, 403, index);
    await expectAnswer('officer', 'GET', '/v1/audit/export', 403);
  });

  it('officer: cannot hand an entity to, or take one from, a holding it does not cover', async () => {
    const patch = (bin: string, body: object) =>
      api.request('PATCH', `/v1/entities/${bin}`, JSON.stringify(body), {
        ...authorization('officer'),
        'content-type': 'application/json',
      });
    expect((await patch(subsidiary, { parentBin: foreign, changedOn: '2025-01-01' })).status).toBe(403);
    expect((await patch(subsidiary, { parentBin: holding, changedOn: '2025-01-01' })).status).toBe(201);
    expect((await patch(foreign, { parentBin: holding, changedOn: '2025-01-01' })).status).toBe(403);
    await expectAnswer('officer', 'POST', '/v1/entities', 403, {
      bin: unregistered,
      name: 'Mine, under theirs',
      stateSharePercent: 100,
      parentBin: foreign,
    });
    await expectAnswer('officer', 'POST', '/v1/entities', 201, {
      bin: unregistered,
      name: 'Mine',
      stateSharePercent: 100,
    });
  });

  it('officer: may use a subsidiary the moment its registration is acknowledged, and loses it the moment a move is', async () => {
    const officer = { ...authorization('officer'), 'content-type': 'application/json' };
    for (let attempt = 0; attempt < 20; attempt++) {
      const child = aBin();
      const registered = await api.request(
        'POST',
        '/v1/entities',
        JSON.stringify({ bin: child, name: `Subsidiary ${attempt}`, stateSharePercent: 100, parentBin: holding }),
        officer,
      );
      expect(registered.status).toBe(201);
      const wrote = await api.request('POST', `/v1/entities/${child}/trainings`, JSON.stringify(training), officer);
      const read = await api.request(
        'GET',
        `/v1/entities/${child}?minPosition=${registered.body.position}`,
        undefined,
        officer,
      );
      expect({ attempt, wrote: wrote.status, read: read.status }).toEqual({ attempt, wrote: 201, read: 200 });
    }

    for (let attempt = 0; attempt < 10; attempt++) {
      const child = aBin();
      expect(
        (await api.post('/v1/entities', { bin: child, name: 'Moving', stateSharePercent: 100, parentBin: holding }))
          .status,
      ).toBe(201);
      expect(
        (await api.request('POST', `/v1/entities/${child}/trainings`, JSON.stringify(training), officer)).status,
      ).toBe(201);
      const moved = await api.send('PATCH', `/v1/entities/${child}`, { parentBin: foreign, changedOn: '2025-06-01' });
      expect(moved.status).toBe(201);

      const wrote = await api.request('POST', `/v1/entities/${child}/trainings`, JSON.stringify(training), officer);
      const read = await api.request('GET', `/v1/entities/${child}`, undefined, officer);
      expect({ attempt, wrote: wrote.status, read: read.status }).toEqual({ attempt, wrote: 403, read: 403 });
    }
  });

  it('registry: reads the register and records register indices, nothing else', async () => {
    await expectAnswer('registry', 'GET', `/v1/register/${holding}`, 200);
    await expectAnswer('registry', 'GET', '/v1/register', 200);
    await expectAnswer('registry', 'GET', '/v1/register/changes', 200);
    await expectAnswer('registry', 'POST', '/v1/register/lookup', 200, { bins: [holding] });
    await expectAnswer('registry', 'POST', `/v1/entities/${foreign}/register-indices`, 201, index);
    await expectAnswer('registry', 'POST', `/v1/entities/${foreign}/trainings`, 403, training);
    await expectAnswer('registry', 'POST', '/v1/entities', 403, { bin: aBin(), name: 'X', stateSharePercent: 1 });
    await expectAnswer('registry', 'GET', `/v1/entities/${foreign}`, 403);
    await expectAnswer('registry', 'GET', `/v1/entities/${foreign}/score`, 403);
    await expectAnswer('registry', 'GET', '/v1/audit/export', 403);
  });

  it('auditor: reads everything, writes nothing', async () => {
    for (const url of [
      `/v1/entities/${foreign}`,
      `/v1/entities/${foreign}/events`,
      `/v1/entities/${foreign}/score`,
      `/v1/entities/${foreign}/score-history`,
      `/v1/entities/${foreign}/integrity`,
      `/v1/register/${foreign}`,
      '/v1/register',
      '/v1/audit/export',
    ]) {
      await expectAnswer('auditor', 'GET', url, 200);
    }
    await expectAnswer('auditor', 'POST', `/v1/entities/${foreign}/trainings`, 403, training);
    await expectAnswer('auditor', 'POST', `/v1/entities/${foreign}/register-indices`, 403, index);
    await expectAnswer('auditor', 'POST', '/v1/entities', 403, { bin: aBin(), name: 'X', stateSharePercent: 1 });
  });

  it('admin: everything', async () => {
    await expectAnswer('admin', 'POST', `/v1/entities/${foreign}/trainings`, 201, training);
    await expectAnswer('admin', 'POST', `/v1/entities/${foreign}/register-indices`, 201, index);
    await expectAnswer('admin', 'GET', `/v1/entities/${foreign}/events`, 200);
    await expectAnswer('admin', 'GET', '/v1/audit/export', 200);
    await expectAnswer('admin', 'GET', `/v1/register/${foreign}`, 200);
  });

  it('records who wrote each event: the key id and its role', async () => {
    await api.request(
      'POST',
      `/v1/entities/${holding}/compliance-service`,
      JSON.stringify({ officerIin: IIN, establishedOn: '2024-01-01' }),
      {
        ...authorization('officer'),
        'content-type': 'application/json',
      },
    );
    const last = (await api.events(holding)).at(-1);
    expect(last?.metadata).toMatchObject({ recordedBy: { id: 'test-officer', role: 'officer' } });
  });
});
