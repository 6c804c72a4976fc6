import { afterEach, describe, expect, it } from '@jest/globals';
import { TestApp } from './support/test-app.js';

describe('limits and headers', () => {
  const started: TestApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const api = await TestApp.start(undefined, { env });
    started.push(api);
    return api;
  };

  afterEach(async () => {
    for (const api of started.splice(0)) await api.stop();
  });

  it('limits each key to its requests per minute, with 429 and Retry-After, and other keys unaffected', async () => {
    const api = await start({ RATE_LIMIT_PER_MINUTE: '5' });
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await api.request('GET', '/v1/register', undefined, as(api.keys.registry))).status);

    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await api.request('GET', '/v1/register', undefined, as(api.keys.registry));
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.body.type).toBe('urn:compliance-engine:problem:too-many-requests');
    expect((await api.request('GET', '/v1/register', undefined, as(api.keys.auditor))).status).toBe(200);
    expect((await api.request('GET', '/health', undefined, as(api.keys.registry))).status).toBe(200);
  });

  it('counts a key however its scheme is spelled, and made-up keys against their address', async () => {
    const api = await start({ RATE_LIMIT_PER_MINUTE: '5' });
    const spellings = ['Bearer', 'bearer', 'BEARER', 'BeArEr', 'bearer', 'Bearer'];
    const statuses: number[] = [];
    for (const scheme of spellings) {
      statuses.push(
        (await api.request('GET', '/v1/register', undefined, { authorization: `${scheme} ${api.keys.registry}` }))
          .status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

    const madeUp: number[] = [];
    for (let i = 0; i < 6; i++) {
      madeUp.push(
        (await api.request('GET', '/v1/register', undefined, { authorization: `Bearer cek_made-up-${i}` })).status,
      );
    }
    expect(madeUp).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('sends security headers, and no CORS permission unless configured', async () => {
    const api = await start();
    const reply = await api.request('GET', '/v1/register', undefined, { origin: 'https://elsewhere.example' });
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['strict-transport-security']).toBeDefined();
    expect(reply.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();

    const page = await api.request('GET', '/docs');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows the configured browser origins only', async () => {
    const api = await start({ CORS_ORIGINS: 'https://register.example' });
    const allowed = await api.request('GET', '/v1/register', undefined, { origin: 'https://register.example' });
    const other = await api.request('GET', '/v1/register', undefined, { origin: 'https://elsewhere.example' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://register.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
