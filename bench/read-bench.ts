/**
 * npm run bench:read [-- --quick]
 *
 * The read side against PRODUCT.md section 9: full projection rebuild (events/s), start-up
 * of the service on a store of 1 million events with built read models, `GET
 * /v1/register/{bin}` under load (requests/s, p99) and a 1000-BIN lookup, with the service's
 * memory. The service runs as a separate process on the embedded store; autocannon loads it
 * from this process, on the same 2-core machine.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey } from '../apps/compliance-api/src/access/api-keys.js';
import { loadConfig } from '../apps/compliance-api/src/config/app-config.js';
import { rebuild } from '../apps/compliance-api/src/cli/rebuild.command.js';
import { seedVolume } from '../apps/compliance-api/src/cli/seed.command.js';
import { volume } from '../seeds/volume/volume-generator.js';
import { formatRate, printTable } from './table.js';

const quick = process.argv.includes('--quick');
const ENTITIES = quick ? 1_000 : 10_000;
const EVENTS = quick ? 100_000 : 1_000_000;
const LOAD_SECONDS = quick ? 5 : 15;
const PORT = 3900 + Math.floor(Math.random() * 90);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'read-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  console.log(
    `Read-side benchmark (${quick ? 'quick' : 'full'}): node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`,
  );
  try {
    let started = performance.now();
    await seedVolume(config, ENTITIES, EVENTS, process.stderr.isTTY);
    console.log(
      `seeded ${EVENTS.toLocaleString('en-US')} events for ${ENTITIES.toLocaleString('en-US')} entities in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );

    const rebuilt = await rebuild(config);
    const rebuildRate = rebuilt.events / rebuilt.seconds;

    started = performance.now();
    const profile = process.env.BENCH_CPU_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
      : [];
    const keysFile = join(dataDir, 'keys.json');
    const authorization = `Bearer ${createKey(keysFile, 'bench-registry', 'registry')}`;
    const service = spawn(process.execPath, [...profile, join(process.cwd(), 'dist/apps/compliance-api/src/main.js')], {
      env: {
        API_KEYS_FILE: keysFile,
        RATE_LIMIT_PER_MINUTE: '1000000000', // measures the register, not the limiter
        PATH: process.env.PATH ?? '',
        DATA_DIR: dataDir,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: 'inherit',
    });
    const base = `http://127.0.0.1:${PORT}`;
    await untilHealthy(base);
    const startup = (performance.now() - started) / 1000;

    try {
      const bins = [...volume(ENTITIES, EVENTS)].map((entity) => entity.bin);
      const load = await autocannon({
        url: base,
        connections: 32,
        headers: { authorization },
        pipelining: 1,
        duration: LOAD_SECONDS,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/v1/register/${bins[Math.floor(Math.random() * bins.length)]}`,
            }),
          },
        ],
      });
      if (load.non2xx > 0 || load.errors > 0)
        throw new Error(`register GET: ${load.non2xx} non-2xx, ${load.errors} errors`);

      const lookups: number[] = [];
      for (let i = 0; i < 30; i++) {
        const sample = Array.from({ length: 1000 }, (_, j) => bins[(i * 1000 + j) % bins.length]);
        const t = performance.now();
        const reply = await fetch(`${base}/v1/register/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body: JSON.stringify({ bins: sample }),
        });
        await reply.json();
        lookups.push(performance.now() - t);
      }
      lookups.sort((a, b) => a - b);
      const rss = serviceRss(service.pid);

      const count = (n: number) => n.toLocaleString('en-US');
      printTable(
        ['figure', 'measured', 'target', 'verdict'],
        [
          [
            `full projection rebuild (${count(rebuilt.events)} events)`,
            `${formatRate(rebuildRate)} events/s`,
            '>= 100,000 events/s',
            rebuildRate >= 100_000 ? 'met' : 'MISSED',
          ],
          [
            `start-up with ${count(EVENTS)} stored events`,
            `${startup.toFixed(2)} s`,
            '< 5 s',
            startup < 5 ? 'met' : 'MISSED',
          ],
          [
            'GET /v1/register/{bin} throughput (32 connections)',
            `${formatRate(load.requests.average)} req/s`,
            '>= 10,000 req/s',
            load.requests.average >= 10_000 ? 'met' : 'MISSED',
          ],
          [
            'GET /v1/register/{bin} p99 latency',
            `${load.latency.p99} ms`,
            '< 10 ms',
            load.latency.p99 < 10 ? 'met' : 'MISSED',
          ],
          [
            'POST /v1/register/lookup, 1000 BINs, median',
            `${lookups[15].toFixed(1)} ms`,
            '< 50 ms',
            lookups[15] < 50 ? 'met' : 'MISSED',
          ],
          ['POST /v1/register/lookup, 1000 BINs, worst of 30', `${lookups[29].toFixed(1)} ms`, '-', 'info'],
          [
            `service RSS after the load (${count(ENTITIES)} entities)`,
            `${(rss / 1024 / 1024).toFixed(0)} MB`,
            '< 500 MB',
            rss < 500 * 1024 * 1024 ? 'met' : 'MISSED',
          ],
        ],
      );
    } finally {
      service.kill('SIGTERM');
      await new Promise((resolve) => service.once('exit', resolve));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function untilHealthy(base: string): Promise<void> {
  for (;;) {
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resident memory of a process, from /proc (Linux). */
function serviceRss(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
