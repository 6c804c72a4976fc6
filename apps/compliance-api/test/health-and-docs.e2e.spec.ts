import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEventId, type EventStore } from '#event-store';
import { ProjectionRunner } from '#projections';
import { loadConfig } from '../src/config/app-config.js';
import { createApp } from '../src/create-app.js';
import { EVENT_STORE } from '../src/event-store/event-store.module.js';
import { ProjectionLag } from '../src/read-side/projection-lag.js';

describe('service shell: health and OpenAPI', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'compliance-api-'));
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
  });

  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url });

  it('serves the OpenAPI document at /docs-json and its UI at /docs', async () => {
    const json = await get('/docs-json');
    expect(json.statusCode).toBe(200);
    const document = json.json() as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Quasi-public sector compliance engine');
    expect(Object.keys(document.paths)).toContain('/health');

    const ui = await get('/docs');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it("reports healthy, with the store and the read models' lag, while the event store is open, and 503 once it is closed", async () => {
    let healthy = await get('/health');
    for (let tries = 0; healthy.statusCode !== 200 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // the read models catch up in the background
      healthy = await get('/health');
    }
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toMatchObject({
      status: 'ok',
      details: {
        eventStore: { status: 'up', store: 'sqlite' },
        readModels: { status: 'up', lagSeconds: 0 },
      },
    });

    // the read models stopped, the log moves on: the lag is the age of the oldest event not applied
    await app.get(ProjectionRunner).stop();
    const store = app.get<EventStore>(EVENT_STORE);
    await store.appendToStream('lag-probe', [{ eventId: newEventId(), type: 'Probe', data: {} }]);
    const [probe] = await store.readStream('lag-probe');
    expect(await app.get(ProjectionLag).seconds(probe.created.getTime() + 90_000)).toBe(90);

    await app.get<EventStore>(EVENT_STORE).close();

    const unhealthy = await get('/health');
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.json()).toMatchObject({
      status: 'error',
      details: {
        eventStore: { status: 'down', store: 'sqlite', message: 'The event store is closed' },
        readModels: { lagSeconds: null },
      },
    });
  });
});
