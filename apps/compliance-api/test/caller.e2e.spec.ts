import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';

describe('GET /v1/me: who the key is', () => {
  let api: TestApp;
  const officerBins = ['940740000911', '081140000436'];

  beforeAll(async () => {
    api = await TestApp.start(undefined, { officerBins });
  });

  afterAll(async () => {
    await api.stop();
  });

  const me = (key: string) => api.request('GET', '/v1/me', undefined, { authorization: `Bearer ${key}` });

  it("answers an officer's id, role and listed BINs, sorted", async () => {
    const reply = await me(api.keys.officer);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: 'test-officer', role: 'officer', bins: [...officerBins].sort() });
  });

  it.each([
    ['registry', 'test-registry'],
    ['auditor', 'test-auditor'],
    ['admin', 'test-admin'],
  ] as const)('answers the %s key with no BINs', async (role, id) => {
    const reply = await me(api.keys[role]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id, role, bins: [] });
  });

  it('answers 401 without a key, or with one it does not know', async () => {
    for (const authorization of ['', 'Bearer cek_not-a-key-we-issued']) {
      const reply = await api.request('GET', '/v1/me', undefined, { authorization });
      expect([reply.status, reply.headers['www-authenticate']]).toEqual([401, 'Bearer']);
    }
  });
});
