/**
 * npm run bench:write [-- --quick]
 *
 * HTTP write commands (PRODUCT.md section 9: >= 3,000 commands/s, p99 < 25 ms): autocannon
 * posts trainings to random entities of the service (a separate process, embedded store), and
 * the same load goes to a bare Fastify endpoint doing the minimal single insert, in the same
 * run: the ratio is the cost of the framework, validation, decision, hashing and idempotency.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCheckDigit } from '#domain';
import { createKey } from '../apps/compliance-api/src/access/api-keys.js';
import { formatRate, printTable } from './table.js';

const quick = process.argv.includes('--quick');
const SECONDS = quick ? 5 : 15;
const ENTITIES = 200;
const CONNECTIONS = 16;
const body = JSON.stringify({ completedOn: '2025-11-11', participants: 10, staffTotal: 100 });

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'write-bench-'));
  console.log(
    `Write benchmark (${quick ? 'quick' : 'full'}): node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${CONNECTIONS} connections, ${SECONDS} s each\n`,
  );
  const bins = Array.from({ length: ENTITIES * 2 }, (_, i) => withCheckDigit(String(20_000_000_000 + i)))
    .filter((b): b is string => b !== undefined)
    .slice(0, ENTITIES);
  const keysFile = join(dataDir, 'keys.json');
  const authorization = `Bearer ${createKey(keysFile, 'bench-admin', 'admin')}`;
  try {
    const engine = await serve(join(process.cwd(), 'dist/apps/compliance-api/src/main.js'), 3800, {
      DATA_DIR: join(dataDir, 'engine'),
      API_KEYS_FILE: keysFile,
      RATE_LIMIT_PER_MINUTE: '1000000000',
      LOG_LEVEL: 'warn',
    });
    const bare = await serve(join(process.cwd(), 'dist/bench/baseline/bare-fastify-write.js'), 3801, {
      DATA_DIR: dataDir,
    });
    try {
      for (const bin of bins) {
        const reply = await fetch(`http://127.0.0.1:3800/v1/entities`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ bin, name: `Bench ${bin}`, stateSharePercent: 100 }),
        });
        if (reply.status !== 201) throw new Error(`registering ${bin}: ${reply.status}`);
      }
      const load = (port: number) =>
        autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: CONNECTIONS,
          duration: SECONDS,
          headers: { authorization, 'content-type': 'application/json' },
          requests: [
            {
              method: 'POST',
              body,
              setupRequest: (request) => ({
                ...request,
                path: `/v1/entities/${bins[Math.floor(Math.random() * bins.length)]}/trainings`,
              }),
            },
          ],
        });
      const engineRun = await load(3800);
      const bareRun = await load(3801);
      for (const [name, run] of [
        ['engine', engineRun],
        ['bare Fastify', bareRun],
      ] as const) {
        if (run.non2xx > 0 || run.errors > 0) throw new Error(`${name}: ${run.non2xx} non-2xx, ${run.errors} errors`);
      }
      printTable(
        ['figure', 'engine', 'bare Fastify + insert', 'ratio', 'target', 'verdict'],
        [
          [
            'write commands/s',
            formatRate(engineRun.requests.average),
            formatRate(bareRun.requests.average),
            `${(engineRun.requests.average / bareRun.requests.average).toFixed(2)}x`,
            '>= 3,000',
            engineRun.requests.average >= 3000 ? 'met' : 'MISSED',
          ],
          [
            'write p99 latency (ms)',
            String(engineRun.latency.p99),
            String(bareRun.latency.p99),
            '-',
            '< 25',
            engineRun.latency.p99 < 25 ? 'met' : 'MISSED',
          ],
        ],
      );
    } finally {
      await Promise.all([stop(engine), stop(bare)]);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function serve(script: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: 'inherit',
  });
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
