/**
 * HTTP write commands (PRODUCT.md section 9: >= 3,000 commands/s, p99 < 25 ms): autocannon
 * posts trainings to random entities of the service (a separate process, embedded store), and
 * the same load goes to a bare Fastify endpoint doing the minimal single insert, in the same
 * run: the ratio is the cost of the framework, validation, decision, hashing and the
 * in-process projection. A third run sends an Idempotency-Key with every command (information).
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { withCheckDigit } from '#domain';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import type { Figure } from '../figures.js';
import { freePort, serve, SERVICE_MAIN, stop } from '../support/processes.js';

const ENTITIES = 200;
const CONNECTIONS = 16;
const BARE_FASTIFY = join(process.cwd(), 'dist/bench/baseline/bare-fastify.js');
const body = JSON.stringify({ completedOn: '2025-11-11', participants: 10, staffTotal: 100 });

export async function writeFigures(quick: boolean, directory: string): Promise<Figure[]> {
  const seconds = quick ? 5 : 15;
  const dataDir = mkdtempSync(join(directory, 'write-'));
  const bins = Array.from({ length: ENTITIES * 2 }, (_, i) => withCheckDigit(String(20_000_000_000 + i)))
    .filter((b): b is string => b !== undefined)
    .slice(0, ENTITIES);
  const keysFile = join(dataDir, 'keys.json');
  const authorization = `Bearer ${createKey(keysFile, 'bench-admin', 'admin')}`;
  const load = (url: string, idempotencyKeys = false) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration: seconds,
      headers: { authorization, 'content-type': 'application/json' },
      requests: [
        {
          method: 'POST',
          body,
          setupRequest: (request) => ({
            ...request,
            path: `/v1/entities/${bins[Math.floor(Math.random() * bins.length)]}/trainings`,
            headers: idempotencyKeys ? { ...request.headers, 'idempotency-key': randomUUID() } : request.headers,
          }),
        },
      ],
    });
  try {
    const engine = await serve(SERVICE_MAIN, await freePort(), {
      DATA_DIR: join(dataDir, 'engine'),
      API_KEYS_FILE: keysFile,
      RATE_LIMIT_PER_MINUTE: '1000000000', // measures the writes, not the limiter
    });
    let engineRun: autocannon.Result;
    let keyedRun: autocannon.Result;
    try {
      for (const bin of bins) {
        const reply = await fetch(`${engine.url}/v1/entities`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ bin, name: `Bench ${bin}`, stateSharePercent: 100 }),
        });
        if (reply.status !== 201) throw new Error(`registering ${bin}: ${reply.status}`);
      }
      engineRun = await load(engine.url);
      keyedRun = await load(engine.url, true);
    } finally {
      await stop(engine);
    }
    const bare = await serve(BARE_FASTIFY, await freePort(), { DATA_DIR: dataDir });
    let bareRun: autocannon.Result;
    try {
      bareRun = await load(bare.url);
    } finally {
      await stop(bare);
    }
    for (const [name, run] of [
      ['engine', engineRun],
      ['engine with Idempotency-Keys', keyedRun],
      ['bare Fastify', bareRun],
    ] as const) {
      if (run.non2xx > 0 || run.errors > 0)
        throw new Error(`writes, ${name}: ${run.non2xx} non-2xx, ${run.errors} errors`);
    }
    const bareFastify = (value: number) => ({ name: 'bare Fastify + insert', value });
    return [
      {
        name: `HTTP write commands (${CONNECTIONS} connections, ${seconds} s)`,
        unit: 'commands/s',
        measured: engineRun.requests.average,
        target: { atLeast: 3_000 },
        baseline: bareFastify(bareRun.requests.average),
      },
      {
        name: 'HTTP write commands, p99 latency',
        unit: 'ms',
        measured: engineRun.latency.p99,
        target: { below: 25 },
        baseline: bareFastify(bareRun.latency.p99),
      },
      {
        // what a careful client sends: the key becomes the events' ids, bound in the append's commit
        name: '  the same, each with an Idempotency-Key',
        unit: 'commands/s',
        measured: keyedRun.requests.average,
        baseline: bareFastify(bareRun.requests.average),
      },
      {
        name: '  the same, each with an Idempotency-Key, p99',
        unit: 'ms',
        measured: keyedRun.latency.p99,
        baseline: bareFastify(bareRun.latency.p99),
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
