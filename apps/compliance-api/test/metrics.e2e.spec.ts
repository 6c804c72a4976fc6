import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../../test/process/service-process.js';
import { aBin, TestApp } from './support/test-app.js';

/** One sample of the Prometheus text: the value of `name` with exactly these labels, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels)
    .map(([label, value]) => `${label}="${value}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null || match[1] !== name) continue;
    const found = (match[2] ?? '').split(',').filter(Boolean).sort().join(',');
    if (found === wanted) return Number(match[3]);
  }
  return undefined;
}

describe('GET /metrics', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start(undefined, { env: { RATE_LIMIT_PER_MINUTE: '20' } });
  });

  afterAll(async () => {
    await api.stop();
  });

  const scrape = async () => {
    const reply = await api.request('GET', '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return reply.body as string;
  };

  it('answers an admin key only', async () => {
    expect((await api.request('GET', '/metrics', undefined, { authorization: '' })).status).toBe(401);
    for (const key of [api.keys.officer, api.keys.registry, api.keys.auditor]) {
      expect((await api.request('GET', '/metrics', undefined, { authorization: `Bearer ${key}` })).status).toBe(403);
    }
    expect(sample(await scrape(), 'compliance_event_store_info', { store: 'sqlite' })).toBe(1);
  });

  it('counts requests by route pattern and status, appends, events applied and the lag, with the process metrics', async () => {
    const bin = aBin();
    const written = await api.post('/v1/entities', { bin, name: 'Metered JSC', stateSharePercent: 100 });
    expect(written.status).toBe(201);
    expect((await api.request('GET', `/v1/register/${bin}?minPosition=${written.body.position}`)).status).toBe(200);
    expect((await api.request('GET', '/v1/register/000000000000')).status).toBe(404);

    const text = await scrape();

    const requests = (route: string, status: string, method = 'GET') =>
      sample(text, 'http_request_duration_seconds_count', { method, route, status });
    expect(requests('/v1/entities', '201', 'POST')).toBe(1);
    expect(requests('/v1/register/:bin', '200')).toBe(1);
    expect(requests('/v1/register/:bin', '404')).toBe(1); // one series per route, never one per BIN
    expect(text).not.toContain(bin);
    expect(sample(text, 'compliance_event_store_appends_total', { outcome: 'appended' })).toBe(1);
    expect(sample(text, 'compliance_event_store_appended_events_total')).toBe(1);
    expect(sample(text, 'compliance_read_models_events_applied_total')).toBe(1);
    expect(sample(text, 'compliance_read_models_lag_seconds')).toBe(0);
    expect(sample(text, 'compliance_register_change_streams_open')).toBe(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts rate-limit refusals by the allowance refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const reply = await api.request('GET', '/v1/register', undefined, {
        authorization: `Bearer ${api.keys.registry}`,
      });
      statuses.push(reply.status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(sample(await scrape(), 'compliance_rate_limit_refusals_total', { limit: 'key' })).toBe(
      statuses.filter((status) => status === 429).length,
    );
  });

  it('counts open change streams while they are open', async () => {
    await api.app.listen(0, '127.0.0.1');
    const abort = new AbortController();
    const response = await fetch(`${await api.app.getUrl()}/v1/register/changes?follow=true`, {
      signal: abort.signal,
      headers: { authorization: `Bearer ${api.keys.auditor}` },
    });
    await (response.body as ReadableStream<Uint8Array>).getReader().read(); // the stream is open

    const whileOpen = sample(await scrape(), 'compliance_register_change_streams_open');
    abort.abort();

    expect(whileOpen).toBe(1);
  });
});

describe('METRICS_PORT', () => {
  it('serves GET /metrics there without a key, and nothing else', async () => {
    const port = await freePort();
    const api = await TestApp.start(undefined, { env: { METRICS_PORT: String(port), HOST: '127.0.0.1' } });
    try {
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(sample(await metrics.text(), 'compliance_event_store_info', { store: 'sqlite' })).toBe(1);
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(404);
    } finally {
      await api.stop();
    }
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow(); // closed with the service
  });
});
