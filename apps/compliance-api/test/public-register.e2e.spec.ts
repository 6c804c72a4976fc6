import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { aBin, IIN, TestApp } from './support/test-app.js';

const ANONYMOUS = { authorization: '' };

/** Registers an entity with an officer named in its record; answers the position of the last write. */
async function registerEntity(api: TestApp, bin: string, name: string): Promise<string> {
  expect((await api.post('/v1/entities', { bin, name, stateSharePercent: 100 })).status).toBe(201);
  const service = await api.post(`/v1/entities/${bin}/compliance-service`, {
    officerIin: IIN,
    officerName: 'Aigerim Officer',
    establishedOn: '2024-01-01',
  });
  return service.body.position;
}

describe('public register mode off (the default)', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
  });

  afterAll(async () => {
    await api.stop();
  });

  it('asks every caller of the register for a key, and tells the console so', async () => {
    const bin = aBin();
    await registerEntity(api, bin, 'Closed JSC');
    for (const url of [`/v1/register/${bin}`, '/v1/register', '/v1/register?name=closed']) {
      const reply = await api.request('GET', url, undefined, ANONYMOUS);
      expect([url, reply.status, reply.headers['www-authenticate']]).toEqual([url, 401, 'Bearer']);
    }
    expect((await api.request('GET', '/console/settings.json', undefined, ANONYMOUS)).body).toEqual({
      publicRegister: false,
    });
  });
});

describe('public register mode on (PUBLIC_REGISTER=true)', () => {
  const bin = aBin();
  let api: TestApp;
  let minPosition = '';

  beforeAll(async () => {
    api = await TestApp.start(undefined, { env: { PUBLIC_REGISTER: 'true' } });
    minPosition = await registerEntity(api, bin, 'ҚАЗАҚСТАН Открытый Реестр');
  });

  afterAll(async () => {
    await api.stop();
  });

  it("answers a register view without a key, with no person's IIN or name in it", async () => {
    const reply = await api.request('GET', `/v1/register/${bin}?minPosition=${minPosition}`, undefined, ANONYMOUS);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ bin, name: 'ҚАЗАҚСТАН Открытый Реестр', advisory: true });
    expect(JSON.stringify(reply.body)).not.toContain(IIN);
    expect(JSON.stringify(reply.body)).not.toContain('Aigerim');
  });

  it('answers the list without a key: the register check searches by name', async () => {
    const reply = await api.request(
      'GET',
      `/v1/register?name=${encodeURIComponent('қазақстан реестр')}&minPosition=${minPosition}`,
      undefined,
      ANONYMOUS,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([expect.objectContaining({ bin, name: 'ҚАЗАҚСТАН Открытый Реестр' })]);
    expect(JSON.stringify(reply.body)).not.toContain(IIN);
  });

  it('opens nothing else: lookup, changes, profiles, history, writes and /v1/me still need a key', async () => {
    const closed: [method: 'GET' | 'POST', url: string, body?: unknown][] = [
      ['POST', '/v1/register/lookup', { bins: [bin] }],
      ['GET', '/v1/register/changes'],
      ['GET', `/v1/entities/${bin}`],
      ['GET', `/v1/entities/${bin}/events`],
      ['GET', `/v1/entities/${bin}/score`],
      ['GET', '/v1/audit/export'],
      ['GET', '/v1/me'],
      ['POST', `/v1/entities/${bin}/trainings`, { completedOn: '2025-11-11', participants: 1, staffTotal: 2 }],
      ['POST', '/v1/entities', { bin: aBin(), name: 'Anonymous LLP', stateSharePercent: 100 }],
    ];
    for (const [method, url, body] of closed) {
      const reply = await api.request(method, url, body === undefined ? undefined : JSON.stringify(body), ANONYMOUS);
      expect([method, url, reply.status]).toEqual([method, url, 401]);
    }
    expect(await api.events(bin)).toHaveLength(2); // nothing written
  });

  it('handles a request with a key exactly as before: an unknown key is 401, a known one keeps its role', async () => {
    const unknown = { authorization: 'Bearer cek_not-a-key-we-issued' };
    expect((await api.request('GET', `/v1/register/${bin}`, undefined, unknown)).status).toBe(401);
    expect((await api.request('GET', '/v1/register', undefined, unknown)).status).toBe(401);
    const registry = { authorization: `Bearer ${api.keys.registry}` };
    expect((await api.request('GET', `/v1/register/${bin}`, undefined, registry)).status).toBe(200);
    expect((await api.request('GET', `/v1/entities/${bin}`, undefined, registry)).status).toBe(403);
  });

  it('tells the console the register is open', async () => {
    expect((await api.request('GET', '/console/settings.json', undefined, ANONYMOUS)).body).toEqual({
      publicRegister: true,
    });
  });
});

describe('public register mode: the anonymous rate limit', () => {
  const started: TestApp[] = [];

  afterEach(async () => {
    for (const api of started.splice(0)) await api.stop();
  });

  it('limits anonymous reads per address to PUBLIC_RATE_LIMIT_PER_MINUTE; a keyed caller there keeps its own allowance', async () => {
    const api = await TestApp.start(undefined, {
      env: { PUBLIC_REGISTER: 'true', PUBLIC_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '10' },
    });
    started.push(api);
    const bin = aBin();
    const position = await registerEntity(api, bin, 'Limited JSC');

    const anonymous: number[] = [];
    for (const url of [
      `/v1/register/${bin}?minPosition=${position}`,
      '/v1/register',
      '/v1/register?name=limited',
      `/v1/register/${bin}`,
    ]) {
      anonymous.push((await api.request('GET', url, undefined, ANONYMOUS)).status);
    }
    const limited = await api.request('GET', '/v1/register', undefined, ANONYMOUS);
    const keyed = await api.request('GET', `/v1/register/${bin}`, undefined, {
      authorization: `Bearer ${api.keys.registry}`,
    });

    expect(anonymous).toEqual([200, 200, 200, 429]);
    expect(limited.body.type).toBe('urn:compliance-engine:problem:too-many-requests');
    expect(limited.body.detail).toMatch(/At most 3 requests a minute from one address without a key/);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect(keyed.status).toBe(200);
    expect(keyed.headers['x-ratelimit-limit']).toBe('10');
    // what the address sends without a key elsewhere is counted apart, as before
    expect((await api.request('GET', '/console/settings.json', undefined, ANONYMOUS)).status).toBe(200);
  });
});
