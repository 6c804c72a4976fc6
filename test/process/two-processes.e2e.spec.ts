import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { startService, waitUntilHealthy, type ServiceProcess } from './service-process.js';

/**
 * Scale-out on one machine: two API processes on one event store file (WAL), each with its own
 * read models, each serving reads that include the other's writes.
 */
describe('two service processes sharing one embedded event store', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-two-'));
  const keysFile = join(scratch, 'keys.json');
  const key = createKey(keysFile, 'two-admin', 'admin');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const call = (service: ServiceProcess, method: string, path: string, body?: object) =>
    fetch(`${service.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("each serves the other's writes, and minPosition reads a write made on the other", async () => {
    const shared = { DATA_DIR: join(scratch, 'events'), API_KEYS_FILE: keysFile, LOG_LEVEL: 'warn' };
    const a = await startService({ ...shared, LOCAL_DIR: join(scratch, 'a') });
    const b = await startService({ ...shared, LOCAL_DIR: join(scratch, 'b') });
    try {
      await Promise.all([waitUntilHealthy(a), waitUntilHealthy(b)]);

      const onA = await call(a, 'POST', '/v1/entities', {
        bin: '081140000436',
        name: 'Written on A',
        stateSharePercent: 100,
      });
      expect(onA.status).toBe(201);
      const { position: fromA } = (await onA.json()) as { position: string };
      const readOnB = await call(b, 'GET', `/v1/register/081140000436?minPosition=${fromA}`);
      expect(readOnB.status).toBe(200);
      expect(await readOnB.json()).toMatchObject({ name: 'Written on A' });

      const onB = await call(b, 'POST', '/v1/entities/081140000436/compliance-service', {
        officerIin: '860311300524',
        establishedOn: '2024-01-01',
      });
      expect(onB.status).toBe(201);
      const { position: fromB, revision } = (await onB.json()) as { position: string; revision: number };
      const profileOnA = await call(a, 'GET', `/v1/entities/081140000436?minPosition=${fromB}`);
      expect(await profileOnA.json()).toMatchObject({ revision, complianceService: { officerIin: '860311300524' } });

      // concurrent writes through both processes to one entity: none lost, revisions contiguous
      const writes = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(i % 2 === 0 ? a : b, 'POST', '/v1/entities/081140000436/trainings', {
            completedOn: '2025-01-01',
            participants: i + 1,
            staffTotal: 100,
          }),
        ),
      );
      expect(writes.map((w) => w.status)).toEqual(Array(20).fill(201));
      const history = (await (await call(b, 'GET', '/v1/entities/081140000436/events')).json()) as {
        events: { revision: number }[];
      };
      expect(history.events.map((e) => e.revision)).toEqual(Array.from({ length: 22 }, (_, i) => i));
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      await Promise.all([a.exited, b.exited]);
    }
  }, 60_000);
});
