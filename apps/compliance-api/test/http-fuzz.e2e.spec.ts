import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { aBin, TestApp } from './support/test-app.js';
import { bodyOf, urlOf, WRITE_ENDPOINTS } from './support/write-endpoints.js';

/** Random bodies on every write endpoint (fast-check): any answer but a 5xx. */
describe('property: no request body makes a write endpoint fail with a 5xx', () => {
  let api: TestApp;
  const bins = new Map<string, string>();

  beforeAll(async () => {
    api = await TestApp.start();
    for (const endpoint of WRITE_ENDPOINTS) {
      const bin = aBin();
      if (endpoint.path !== '') {
        for (const write of [{ path: '', body: { name: 'Fuzzed', stateSharePercent: 100 } }, ...endpoint.given]) {
          expect((await api.post(urlOf(bin, write.path), bodyOf(bin, write.path, write.body))).status).toBe(201);
        }
      }
      bins.set(endpoint.name, bin);
    }
  });

  afterAll(async () => {
    await api.stop();
  });

  it.each(WRITE_ENDPOINTS.map((e) => [e.name, e] as const))('%s', async (_, endpoint) => {
    const bin = bins.get(endpoint.name) as string;
    const valid = bodyOf(bin, endpoint.path, endpoint.body);
    const bodies = fc.oneof(
      fc.anything(), // any JSON value at all
      fc.dictionary(fc.string(), fc.anything()), // any object
      // the valid body with one field replaced by anything, or one field removed
      fc.constantFrom(...Object.keys(valid)).chain((field) =>
        fc.oneof(
          fc.anything().map((value) => ({ ...valid, [field]: value })),
          fc.constant(Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field))),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const payload = JSON.stringify(body) ?? 'null';
        const reply = await api.request(endpoint.method ?? 'POST', urlOf(bin, endpoint.path), payload);
        expect(reply.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
