import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aBin, TestApp, type Reply } from './support/test-app.js';
import { bodyOf, urlOf, WRITE_ENDPOINTS, type Given, type WriteEndpoint } from './support/write-endpoints.js';

const PROBLEM = 'application/problem+json';
const problemOf = (name: string) => `urn:compliance-engine:problem:${name}`;

describe('write endpoints over HTTP', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start();
  });

  afterAll(async () => {
    await api.stop();
  });

  /** A registered entity (unless the endpoint is registration) with the endpoint's prerequisites. */
  async function entityFor(endpoint: WriteEndpoint, given: readonly Given[] = endpoint.given): Promise<string> {
    const bin = aBin();
    const setup =
      endpoint.path === ''
        ? given
        : [{ path: '', body: { name: 'Entity under test', stateSharePercent: 100 } }, ...given];
    for (const write of setup) {
      const reply = await api.post(urlOf(bin, write.path), bodyOf(bin, write.path, write.body));
      expect(reply.status).toBe(201);
    }
    return bin;
  }

  function expectProblem(reply: Reply, status: number, name?: string): void {
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toContain(PROBLEM);
    expect(reply.body).toMatchObject({ status, title: expect.any(String) });
    if (name) expect(reply.body.type).toBe(problemOf(name));
  }

  const fieldsOf = (reply: Reply): string[] => (reply.body.errors ?? []).map((e: { field: string }) => e.field);

  describe.each(WRITE_ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_, endpoint) => {
    const post = (bin: string, body: Record<string, unknown>, headers?: Record<string, string>, path = endpoint.path) =>
      api.send(endpoint.method ?? 'POST', urlOf(bin, path), bodyOf(bin, path, body), headers);

    it('records the fact and answers 201 with its place in the log', async () => {
      const bin = await entityFor(endpoint);
      const before = await api.events(bin);

      const reply = await post(bin, endpoint.body);

      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        streamId: `entity-${bin}`,
        revision: before.length,
        position: expect.any(String),
      });
      expect(reply.headers.etag).toBe(`"${before.length}"`);
      const stored = (await api.events(bin)).at(-1);
      expect(stored).toMatchObject({
        eventId: reply.body.eventId,
        type: endpoint.eventType,
        revision: before.length,
        position: reply.body.position,
      });
      expect(stored?.data).toMatchObject(bodyOf(bin, endpoint.path, endpoint.body));
      expect(stored?.metadata).toMatchObject({
        schemaVersion: expect.any(Number),
        recordedBy: { id: 'test-admin', role: 'admin' },
        correlationId: expect.any(String),
        causationId: expect.any(String),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });

    it('refuses a body without its required fields, naming each, and writes nothing', async () => {
      const bin = await entityFor(endpoint);
      const before = await api.events(bin);
      const reply = await api.send(endpoint.method ?? 'POST', urlOf(bin, endpoint.path), {});
      expectProblem(reply, 400, 'validation-failed');
      expect(new Set(fieldsOf(reply))).toEqual(new Set(endpoint.required));
      expect(await api.events(bin)).toHaveLength(before.length);
    });

    it.each(Object.entries(endpoint.invalid))('refuses an invalid %s, naming it', async (field, value) => {
      const bin = await entityFor(endpoint);
      const before = await api.events(bin);
      const reply = await post(bin, { ...endpoint.body, [field]: value });
      expectProblem(reply, 400, 'validation-failed');
      expect(fieldsOf(reply)).toEqual([field]);
      expect(await api.events(bin)).toHaveLength(before.length);
    });

    it('refuses a field that is not part of the request', async () => {
      const bin = await entityFor(endpoint);
      const reply = await post(bin, { ...endpoint.body, approvedByMinister: true });
      expectProblem(reply, 400, 'validation-failed');
      expect(fieldsOf(reply)).toEqual(['approvedByMinister']);
    });

    if (endpoint.path !== '') {
      it('answers 404 for an entity that was never registered', async () => {
        const reply = await post(aBin(), endpoint.body);
        expectProblem(reply, 404, 'entity-not-registered');
      });

      it('refuses a BIN with a wrong check digit in the path', async () => {
        const reply = await api.send(endpoint.method ?? 'POST', urlOf('081140000437', endpoint.path), endpoint.body);
        expectProblem(reply, 400, 'validation-failed');
        expect(fieldsOf(reply)).toContain('bin');
      });
    }

    if (endpoint.rules.length > 0) {
      it.each(endpoint.rules.map((r) => [r.title, r] as const))(
        'refuses %s, naming the rule, and writes nothing',
        async (_, rule) => {
          const bin = await entityFor(endpoint, rule.given ?? endpoint.given);
          const before = await api.events(bin);
          const reply = await post(bin, { ...endpoint.body, ...rule.body }, {}, rule.path ?? endpoint.path);
          expectProblem(reply, rule.status, rule.rule);
          expect(await api.events(bin)).toHaveLength(before.length);
        },
      );
    }

    it('answers a retry with the same Idempotency-Key and body with the original result, writing once', async () => {
      const bin = await entityFor(endpoint);
      const before = await api.events(bin);
      const first = await post(bin, endpoint.body, { 'idempotency-key': `retry-${bin}` });
      const retry = await post(bin, endpoint.body, { 'idempotency-key': `retry-${bin}` });

      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await api.events(bin)).toHaveLength(before.length + 1);

      const reused = await post(
        bin,
        { ...endpoint.body, ...changedField(endpoint) },
        { 'idempotency-key': `retry-${bin}` },
      );
      expectProblem(reused, 422, 'idempotency-key-reused');
      expect(await api.events(bin)).toHaveLength(before.length + 1);
    });

    it('appends only at the revision in If-Match: 412 when stale', async () => {
      const bin = await entityFor(endpoint);
      const current = (await api.events(bin)).length - 1;
      if (current >= 0) {
        const stale = await post(bin, endpoint.body, { 'if-match': `"${current + 5}"` });
        expectProblem(stale, 412, 'revision-mismatch');
        expect(stale.body.currentRevision).toBe(current);
        expect(await api.events(bin)).toHaveLength(current + 1);
        const fresh = await post(bin, endpoint.body, { 'if-match': `"${current}"` });
        expect(fresh.status).toBe(201);
      } else {
        // registration: the entity has no revision yet, so any If-Match is stale
        const stale = await post(bin, endpoint.body, { 'if-match': '"0"' });
        expectProblem(stale, 412, 'revision-mismatch');
        expect(await api.events(bin)).toHaveLength(0);
      }
    });
  });
});

/** A change to a body that keeps it valid: another business date (every write has one). */
function changedField(endpoint: WriteEndpoint): Record<string, unknown> {
  const date = Object.keys(endpoint.body).find((field) => /(On|asOf)$/.test(field));
  if (!date) throw new Error(`${endpoint.name} has no date field to change`);
  return { [date]: '2026-01-02' };
}
