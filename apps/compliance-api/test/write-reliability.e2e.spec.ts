import { afterEach, describe, expect, it } from '@jest/globals';
import { aBin, TestApp } from './support/test-app.js';

const register = (bin: string) => ({ bin, name: 'KTZ', stateSharePercent: 100 });
const training = (participants: number) => ({ completedOn: '2025-11-11', participants, staffTotal: 1000 });

describe('writes that survive retries, restarts and races', () => {
  const started: TestApp[] = [];
  const start = async (dataDir?: string) => {
    const api = await TestApp.start(dataDir);
    started.push(api);
    return api;
  };

  afterEach(async () => {
    for (const api of started.splice(0).reverse()) await api.stop().catch(() => undefined);
  });

  it('answers a retry after a restart with the original result, writing nothing', async () => {
    const first = await start();
    const bin = aBin();
    await first.post('/v1/entities', register(bin));
    const original = await first.post(`/v1/entities/${bin}/trainings`, training(10), {
      'idempotency-key': 'nightly-import-42',
    });
    await first.app.close();

    const second = await start(first.dataDir);
    const retry = await second.post(`/v1/entities/${bin}/trainings`, training(10), {
      'idempotency-key': 'nightly-import-42',
    });
    const reused = await second.post(`/v1/entities/${bin}/trainings`, training(11), {
      'idempotency-key': 'nightly-import-42',
    });

    expect(original.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(original.body);
    expect(reused.status).toBe(422);
    expect(await second.events(bin)).toHaveLength(2);
  });

  it('concurrent requests with one Idempotency-Key and different bodies: the first is recorded, the others 422', async () => {
    const api = await start();
    const bin = aBin();
    await api.post('/v1/entities', register(bin));

    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.post(`/v1/entities/${bin}/trainings`, training(i + 1), { 'idempotency-key': 'one-key' }),
      ),
    );

    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 422).map((r) => r.body.type)).toEqual(
      Array(5).fill(expect.stringContaining('idempotency-key-reused')),
    );
    const events = await api.events(bin);
    expect(events).toHaveLength(2);
    const recorded = replies.find((r) => r.status === 201);
    expect(events[1].eventId).toBe(recorded?.body.eventId);
  });

  it('keeps a key bound to its first request across entities', async () => {
    const api = await start();
    const [a, b] = [aBin(), aBin()];
    await api.post('/v1/entities', register(a));
    await api.post('/v1/entities', register(b));
    await api.post(`/v1/entities/${a}/trainings`, training(10), { 'idempotency-key': 'k' });

    const elsewhere = await api.post(`/v1/entities/${b}/trainings`, training(10), { 'idempotency-key': 'k' });

    expect(elsewhere.status).toBe(422);
    expect(await api.events(b)).toHaveLength(1);
  });

  it('25 concurrent writes to one entity all land, at contiguous revisions', async () => {
    const api = await start();
    const bin = aBin();
    await api.post('/v1/entities', register(bin));

    const replies = await Promise.all(
      Array.from({ length: 25 }, (_, i) => api.post(`/v1/entities/${bin}/trainings`, training(i + 1))),
    );

    expect(replies.map((r) => r.status)).toEqual(Array(25).fill(201));
    expect(replies.map((r) => r.body.revision).sort((x: number, y: number) => x - y)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    const events = await api.events(bin);
    expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 26 }, (_, i) => i));
    expect(
      events
        .slice(1)
        .map((e) => (e.data as { participants: number }).participants)
        .sort((x, y) => x - y),
    ).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('concurrent retries with one Idempotency-Key record the fact once and all get its result', async () => {
    const api = await start();
    const bin = aBin();
    await api.post('/v1/entities', register(bin));

    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.post(`/v1/entities/${bin}/trainings`, training(5), { 'idempotency-key': 'same' }),
      ),
    );

    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(replies.map((r) => r.body.eventId)).size).toBe(1);
    expect(await api.events(bin)).toHaveLength(2);
  });

  it('concurrent writes racing on one If-Match revision: one lands, the others get 412', async () => {
    const api = await start();
    const bin = aBin();
    await api.post('/v1/entities', register(bin));

    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.post(`/v1/entities/${bin}/trainings`, training(i + 1), { 'if-match': '"0"' }),
      ),
    );

    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 412)).toHaveLength(5);
    expect(await api.events(bin)).toHaveLength(2);
  });
});
