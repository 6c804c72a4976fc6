import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestApp } from './support/test-app.js';

const INDEX =
  '<!doctype html><html><head><script type="module" src="/console/assets/app-abc123.js"></script></head></html>';
const SCRIPT = 'console.log("the console");';
const CONSOLE_POLICY =
  "default-src 'self';img-src 'self' data:;style-src 'self';script-src 'self';connect-src 'self';frame-ancestors 'none';base-uri 'none';form-action 'self'";

describe('the console, served at /console/', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const built = join(root, 'console');
  let api: TestApp;

  beforeAll(async () => {
    mkdirSync(join(built, 'assets'), { recursive: true });
    writeFileSync(join(built, 'index.html'), INDEX);
    writeFileSync(join(built, 'assets', 'app-abc123.js'), SCRIPT);
    writeFileSync(join(built, '.env'), 'SECRET=1');
    writeFileSync(join(root, 'outside.txt'), 'not the console');
    api = await TestApp.start(undefined, { env: { CONSOLE_DIR: built } });
  });

  afterAll(async () => {
    await api.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const get = (url: string) => api.request('GET', url, undefined, { authorization: '' });

  it('serves index.html at /console/, asked for again each time, under its own security policy', async () => {
    const reply = await get('/console/');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(reply.headers['content-security-policy']).toBe(CONSOLE_POLICY);
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('redirects /console to /console/', async () => {
    const reply = await get('/console');
    expect([reply.status, reply.headers.location]).toEqual([302, '/console/']);
    expect((await get('/console?lang=kk')).headers.location).toBe('/console/?lang=kk');
  });

  it("answers any other path under it with index.html: the application's deep links", async () => {
    for (const path of ['/console/entities/081140000436', '/console/register?name=kaz', '/console/index.html']) {
      const reply = await get(path);
      expect([path, reply.status, reply.body]).toEqual([path, 200, INDEX]);
      expect(reply.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves a hashed asset as it is, to be kept for good', async () => {
    const reply = await get('/console/assets/app-abc123.js');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(SCRIPT);
    expect(reply.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(reply.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers 404 for a missing file under assets/, not index.html', async () => {
    const reply = await get('/console/assets/app-gone99.js');
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toContain('application/problem+json');
    expect(reply.body.type).toBe('urn:compliance-engine:problem:not-found');
  });

  it('serves nothing hidden in the build or outside it: such paths are deep links, or missing assets', async () => {
    const hidden = await get('/console/.env');
    const outside = await get('/console/..%2Foutside.txt');
    const outsideFromAssets = await get('/console/assets/..%2F..%2Foutside.txt');

    expect([hidden.status, hidden.body]).toEqual([200, INDEX]);
    expect([outside.status, outside.body]).toEqual([200, INDEX]);
    expect(outsideFromAssets.status).toBe(404);
  });

  it('tells the console whether the register is open without a key', async () => {
    const reply = await get('/console/settings.json');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ publicRegister: false });
    expect(reply.headers['cache-control']).toBe('no-cache');
  });

  it("keeps the API's own security policy on its JSON answers", async () => {
    const reply = await api.request('GET', '/v1/register');
    expect(reply.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('is not part of the API document', async () => {
    const document = (await api.request('GET', '/docs-json')).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/console'))).toEqual([]);
  });
});

describe('the console before it is built', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start(undefined, { env: { CONSOLE_DIR: join(tmpdir(), 'no-console-built-here') } });
  });

  afterAll(async () => {
    await api.stop();
  });

  it('answers a page saying to build it, at /console/ and any path under it, never a 500', async () => {
    for (const path of ['/console/', '/console/entities/081140000436', '/console/assets/app-abc123.js']) {
      const reply = await api.request('GET', path, undefined, { authorization: '' });
      expect([path, reply.status]).toEqual([path, 404]);
      expect(reply.headers['content-type']).toMatch(/^text\/html/);
      expect(reply.body).toContain('npm run build');
      expect(reply.headers['content-security-policy']).toBe(CONSOLE_POLICY);
    }
  });
});
