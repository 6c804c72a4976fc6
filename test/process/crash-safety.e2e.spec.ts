import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { startService, waitUntilHealthy, type ServiceProcess } from './service-process.js';

const BINS = ['081140000436', '940740000911', '100000000205'];
const CLIENTS = 6;

interface Acknowledged {
  readonly bin: string;
  readonly idempotencyKey: string;
  readonly body: object;
  readonly eventId: string;
  readonly position: string;
}

describe('no acknowledged write is lost when the service is killed under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'compliance-crash-writes-'));
  const keysFile = join(dataDir, 'keys.json');
  const key = createKey(keysFile, 'crash-admin', 'admin');
  const env = { DATA_DIR: dataDir, API_KEYS_FILE: keysFile, LOG_LEVEL: 'warn' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const call = (
    service: ServiceProcess,
    method: string,
    path: string,
    body?: object,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('keeps every 201, verifies, catches up, and still dedupes idempotency keys after kill -9', async () => {
    const first = await startService(env);
    await waitUntilHealthy(first);
    for (const bin of BINS) {
      expect(
        (await call(first, 'POST', '/v1/entities', { bin, name: `Entity ${bin}`, stateSharePercent: 100 })).status,
      ).toBe(201);
    }

    const acknowledged: Acknowledged[] = [];
    let stop = false;
    const client = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const bin = BINS[(n + i) % BINS.length];
        const idempotencyKey = `client-${n}-write-${i}`;
        const body = { completedOn: '2025-11-11', participants: (i % 50) + 1, staffTotal: 100 };
        try {
          const reply = await call(first, 'POST', `/v1/entities/${bin}/trainings`, body, {
            'idempotency-key': idempotencyKey,
          });
          if (reply.status === 201) {
            const { eventId, position } = (await reply.json()) as { eventId: string; position: string };
            acknowledged.push({ bin, idempotencyKey, body, eventId, position });
          }
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, n) => client(n));
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await first.exited;

    const second = await startService(env);
    try {
      await waitUntilHealthy(second, 30_000);

      for (const bin of BINS) {
        const history = (await (await call(second, 'GET', `/v1/entities/${bin}/events?limit=1000`)).json()) as {
          events: { eventId: string; revision: number }[];
        };
        const stored = new Set(history.events.map((e) => e.eventId));
        const mine = acknowledged.filter((a) => a.bin === bin);
        expect(mine.filter((a) => !stored.has(a.eventId))).toEqual([]);
        expect(history.events.map((e) => e.revision)).toEqual(history.events.map((_, i) => i));
        expect(await (await call(second, 'GET', `/v1/entities/${bin}/integrity`)).json()).toMatchObject({
          valid: true,
        });
      }

      const latest = acknowledged.reduce((max, a) => (a.position > max ? a.position : max), '');
      expect((await call(second, 'GET', `/v1/register/${BINS[0]}?minPosition=${latest}`)).status).toBe(200);

      for (const write of acknowledged.slice(-20)) {
        const retry = await call(second, 'POST', `/v1/entities/${write.bin}/trainings`, write.body, {
          'idempotency-key': write.idempotencyKey,
        });
        expect(retry.status).toBe(201);
        expect(((await retry.json()) as { eventId: string }).eventId).toBe(write.eventId);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 120_000);
});
