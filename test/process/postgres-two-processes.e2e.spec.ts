import { afterAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUnavailable } from '#event-store/postgres';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { startService, waitUntilHealthy, type ServiceProcess } from './service-process.js';
import {
  callingWith,
  concurrentWritesAreContiguous,
  eachServesTheOthersWrites,
  retriesAreAnsweredByEitherProcess,
} from './shared-store-checks.js';

/**
 * The multi-process deployment on a real PostgreSQL server: two API processes on one schema,
 * each with its own read models (LOCAL_DIR). Each serves the other's writes, concurrent writes
 * through both stay contiguous, and killing one (kill -9) under load loses no acknowledged write.
 * Skipped, with the reason, where no server answers (TEST_DATABASE_URL, as the store's own tests).
 */
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const problem = await postgresUnavailable(DATABASE_URL);
const BINS = ['081140000436', '940740000911', '100000000205'];

interface Acknowledged {
  readonly bin: string;
  readonly eventId: string;
  readonly position: string;
}

if (problem !== undefined) process.stderr.write(`PostgreSQL two-process test skipped: ${problem}\n`);

(problem === undefined ? describe : describe.skip)(
  `two service processes on one PostgreSQL schema${problem === undefined ? '' : `: skipped, ${problem}`}`,
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'compliance-postgres-'));
    const keysFile = join(scratch, 'keys.json');
    const key = createKey(keysFile, 'postgres-admin', 'admin');
    const schema = `test_processes_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const call = callingWith(key);
    const start = (local: string) =>
      startService({
        DATABASE_URL,
        DATABASE_SCHEMA: schema,
        LOCAL_DIR: join(scratch, local),
        API_KEYS_FILE: keysFile,
        LOG_LEVEL: 'warn',
      });

    afterAll(async () => {
      rmSync(scratch, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    });

    it("each serves the other's writes; concurrent writes stay contiguous; kill -9 of one under load loses no acknowledged write", async () => {
      const a = await start('a');
      const b = await start('b');
      let restarted: ServiceProcess | undefined;
      try {
        await Promise.all([waitUntilHealthy(a), waitUntilHealthy(b)]);
        const health = (await (await fetch(`${a.baseUrl}/health`)).json()) as object;
        expect(health).toMatchObject({ details: { eventStore: { status: 'up', store: 'postgres' } } });

        await eachServesTheOthersWrites(a, b, call, BINS[0]);
        await concurrentWritesAreContiguous(a, b, call, BINS[0], 2);
        for (const bin of BINS.slice(1)) {
          expect(
            (await call(b, 'POST', '/v1/entities', { bin, name: `Entity ${bin}`, stateSharePercent: 100 })).status,
          ).toBe(201);
        }
        await retriesAreAnsweredByEitherProcess(a, b, key, BINS[0], BINS[1]);

        // clients writing through both processes; A is killed while they do
        const acknowledged: Acknowledged[] = [];
        let stop = false;
        const client = async (through: ServiceProcess, n: number) => {
          for (let i = 0; !stop; i++) {
            const bin = BINS[(n + i) % BINS.length];
            try {
              const reply = await call(through, 'POST', `/v1/entities/${bin}/trainings`, {
                completedOn: '2025-11-11',
                participants: (i % 50) + 1,
                staffTotal: 100,
              });
              if (reply.status === 201)
                acknowledged.push({ bin, ...((await reply.json()) as Omit<Acknowledged, 'bin'>) });
            } catch {
              return; // the connection died with the process: this write was never acknowledged
            }
          }
        };
        const clients = [0, 1, 2, 3].map((n) => client(n % 2 === 0 ? a : b, n));
        while (acknowledged.length < 200) await new Promise((resolve) => setTimeout(resolve, 5));
        a.child.kill('SIGKILL');
        await a.exited;
        const afterKill = acknowledged.length;
        while (acknowledged.length < afterKill + 20) await new Promise((resolve) => setTimeout(resolve, 5)); // B carries on
        stop = true;
        await Promise.all(clients);

        for (const bin of BINS) {
          const history = (await (await call(b, 'GET', `/v1/entities/${bin}/events?limit=1000`)).json()) as {
            events: { eventId: string; revision: number }[];
          };
          const stored = new Set(history.events.map((e) => e.eventId));
          expect(acknowledged.filter((w) => w.bin === bin && !stored.has(w.eventId))).toEqual([]);
          expect(history.events.map((e) => e.revision)).toEqual(history.events.map((_, i) => i));
          expect(await (await call(b, 'GET', `/v1/entities/${bin}/integrity`)).json()).toMatchObject({ valid: true });
        }

        // A again, on its own read models: it catches up with what B wrote meanwhile
        restarted = await start('a');
        await waitUntilHealthy(restarted, 30_000);
        const latest = acknowledged.reduce((max, w) => (w.position > max ? w.position : max), '');
        const view = await call(restarted, 'GET', `/v1/register/${BINS[0]}?minPosition=${latest}`);
        expect(view.status).toBe(200);
      } finally {
        for (const service of [a, b, restarted]) service?.child.kill('SIGTERM');
        await Promise.all([b.exited, restarted?.exited]);
      }
    }, 120_000);
  },
);
