import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aBin, TestApp, type Reply } from './support/test-app.js';
import { bodyOf, urlOf, WRITE_ENDPOINTS, type WriteEndpoint } from './support/write-endpoints.js';

/** Bodies no endpoint may accept: malformed, wrongly shaped, or out to pollute prototypes. */
const HOSTILE_PAYLOADS: readonly [string, string][] = [
  ['truncated JSON', '{"name":'],
  ['two documents', '{"a":1}{"b":2}'],
  ['a bare string', '"entity"'],
  ['a number', '42'],
  ['null', 'null'],
  ['an array', '[{"bin":"081140000436"}]'],
  ['an empty object', '{}'],
  ['a NUL byte', '\u0000'],
  ['NaN', '{"value": NaN}'],
  ['__proto__ pollution', '{"__proto__":{"polluted":true}}'],
  ['constructor.prototype pollution', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['nested __proto__', '{"name":{"__proto__":{"polluted":true}}}'],
  ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['a lone surrogate in a field name', '{"\\ud800":1}'],
  ['deep nesting in a field', `{"name":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
];

const headerName = (lower: string): string =>
  lower.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

/** Values of the wrong type (or out of any sane range) for whichever field they replace. */
const WRONG_VALUES: readonly unknown[] = [
  {},
  [],
  null,
  true,
  -1e308,
  '',
  '   ',
  '\ud800',
  'x'.repeat(300_000),
  { $gt: '' },
];

describe('hostile input never gets past validation and never causes a 5xx', () => {
  let api: TestApp;
  const registered = new Map<WriteEndpoint, string>();

  beforeAll(async () => {
    api = await TestApp.start();
    for (const endpoint of WRITE_ENDPOINTS) {
      const bin = aBin();
      if (endpoint.path !== '') {
        for (const write of [{ path: '', body: { name: 'Target', stateSharePercent: 100 } }, ...endpoint.given]) {
          expect((await api.post(urlOf(bin, write.path), bodyOf(bin, write.path, write.body))).status).toBe(201);
        }
      }
      registered.set(endpoint, bin);
    }
  });

  afterAll(async () => {
    await api.stop();
  });

  function expectRefused(reply: Reply, what: string): void {
    if (reply.status < 400 || reply.status >= 500) {
      throw new Error(`${what}: answered ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    expect(reply.headers['content-type']).toContain('application/problem+json');
  }

  describe.each(WRITE_ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_, endpoint) => {
    it('refuses malformed and polluting bodies with a 4xx problem, writing nothing', async () => {
      const bin = registered.get(endpoint) as string;
      const before = (await api.events(bin)).length;
      for (const [what, payload] of HOSTILE_PAYLOADS) {
        expectRefused(await api.request(endpoint.method ?? 'POST', urlOf(bin, endpoint.path), payload), what);
      }
      expect(await api.events(bin)).toHaveLength(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('refuses a wrong type or size in every field', async () => {
      const bin = registered.get(endpoint) as string;
      const before = (await api.events(bin)).length;
      const body = bodyOf(bin, endpoint.path, endpoint.body);
      for (const field of Object.keys(body)) {
        for (const value of WRONG_VALUES.filter((v) => typeof v !== typeof body[field] || typeof v === 'string')) {
          const reply = await api.send(endpoint.method ?? 'POST', urlOf(bin, endpoint.path), {
            ...body,
            [field]: value,
          });
          expectRefused(reply, `${field} = ${JSON.stringify(value).slice(0, 40)}`);
        }
      }
      expect(await api.events(bin)).toHaveLength(before);
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const bin = registered.get(endpoint) as string;
      const payload = JSON.stringify({ ...endpoint.body, padding: 'x'.repeat(1024 * 1024) });
      const reply = await api.request(endpoint.method ?? 'POST', urlOf(bin, endpoint.path), payload);
      expect(reply.status).toBe(413);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses path tricks in the BIN and in sub-resource ids', async () => {
      const bin = registered.get(endpoint) as string;
      const tricks = ['..%2F..%2Fetc%2Fpasswd', '%00', 'a'.repeat(300), '%E2%80%AE', '..', 'cert-1%2Fwithdrawal'];
      const urls = tricks.flatMap((trick) => {
        const url = urlOf(bin, endpoint.path);
        const ids = endpoint.path.match(/\/(cert-1|decl-1|gift-1|off-1|\d{12})\//g) ?? [];
        return [
          ...(endpoint.path === '' ? [] : [url.replace(bin, trick)]),
          ...ids.map((segment) => url.replace(segment, `/${trick}/`)),
        ];
      });
      for (const url of urls) {
        expectRefused(await api.send(endpoint.method ?? 'POST', url, bodyOf(bin, endpoint.path, endpoint.body)), url);
      }
    });

    it('refuses malformed write headers', async () => {
      const bin = registered.get(endpoint) as string;
      const body = bodyOf(bin, endpoint.path, endpoint.body);
      const headers: Record<string, string>[] = [
        { 'idempotency-key': 'k'.repeat(256) },
        { 'idempotency-key': 'spaces are not allowed' },
        { 'if-match': 'W/"1"' },
        { 'if-match': '"-1"' },
        { 'if-match': '"1e3"' },
        { 'if-match': '*' },
        { 'x-correlation-id': 'c'.repeat(400) },
      ];
      for (const header of headers) {
        const reply = await api.send(endpoint.method ?? 'POST', urlOf(bin, endpoint.path), body, header);
        expect(reply.status).toBe(400);
        expect(reply.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(header).map(headerName));
      }
    });
  });
});
