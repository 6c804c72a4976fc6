/**
 * The read side against PRODUCT.md section 9: full projection rebuild (events/s, beside raw
 * node:sqlite copying the same events into one table), start-up of the service on a store of
 * 1 million events with built read models, `GET /v1/register/{bin}` under load (requests/s,
 * p99) and a 1000-BIN lookup, each beside a bare Fastify server reading the same stored views,
 * and the service's memory after the load. The servers run as separate processes on the
 * embedded store; autocannon loads them from this process, on the same 2-core machine.
 * BENCH_CPU_PROFILE=<dir> writes a --cpu-prof profile of the service.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { loadConfig } from '../../apps/compliance-api/src/config/app-config.js';
import type { RebuildReport } from '#projections';
import { seedVolume } from '../../apps/compliance-api/src/cli/seed.command.js';
import { READ_MODELS_FILE } from '../../apps/compliance-api/src/read-side/read-side.module.js';
import { volume } from '../../seeds/volume/volume-generator.js';
import type { Figure, Target } from '../figures.js';
import { freePort, residentMegabytes, serve, SERVICE_MAIN, stop, type Served } from '../support/processes.js';

const BARE_FASTIFY = join(process.cwd(), 'dist/bench/baseline/bare-fastify.js');
const CONNECTIONS = 32;
const LOOKUPS = 31;

export async function readFigures(quick: boolean, directory: string): Promise<Figure[]> {
  const entities = quick ? 1_000 : 10_000;
  const events = quick ? 100_000 : 1_000_000;
  const loadSeconds = quick ? 5 : 15;
  const dataDir = mkdtempSync(join(directory, 'read-'));
  const config = loadConfig({ DATA_DIR: dataDir });
  const count = (n: number) => n.toLocaleString('en-US');
  try {
    const seeding = performance.now();
    await seedVolume(config, entities, events, false);
    console.log(`  seeded ${count(events)} events of ${count(entities)} entities in ${since(seeding).toFixed(1)} s`);

    const rebuilt = rebuildInItsOwnProcess(dataDir);
    const rawRate = rawCopyRate(join(dataDir, 'events.db'), join(dataDir, 'raw-copy.db'));

    const bins = [...volume(entities, events)].map((entity) => entity.bin);
    const keysFile = join(dataDir, 'keys.json');
    const authorization = `Bearer ${createKey(keysFile, 'bench-registry', 'registry')}`;
    const { engine, bare } = await serviceThenBaseline(dataDir, keysFile, (server) =>
      registerRun(server, bins, authorization, loadSeconds),
    );
    return readSideFigures(
      { rebuilt, rawCopyRate: rawRate, engine, bare, loadSeconds },
      {
        startup: `start-up with ${count(events)} stored events`,
        memory: `service RSS after the load (${count(events)} events, ${count(entities)} entities)`,
      },
      { rebuild: { atLeast: 100_000 }, requests: { atLeast: 10_000 }, memory: { below: 500 } },
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A server measured while it runs alone: the process, and what was measured. */
export interface ServedRun<Run> {
  readonly served: Served;
  readonly run: Run;
}

/**
 * The service started on `dataDir` (with BENCH_CPU_PROFILE, profiled) and measured, stopped,
 * then the bare Fastify baseline started on the same files and measured the same way.
 */
export async function serviceThenBaseline<Run>(
  dataDir: string,
  keysFile: string,
  measure: (server: Served) => Promise<Run>,
): Promise<{ engine: ServedRun<Run>; bare: ServedRun<Run> }> {
  const profile = process.env.BENCH_CPU_PROFILE;
  const engine = await serve(
    SERVICE_MAIN,
    await freePort(),
    { DATA_DIR: dataDir, API_KEYS_FILE: keysFile, RATE_LIMIT_PER_MINUTE: '1000000000' },
    profile === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`],
  );
  const engineRun = await measuredThenStopped(engine, measure);
  const bare = await serve(BARE_FASTIFY, await freePort(), {
    DATA_DIR: dataDir,
    READ_MODELS: join(dataDir, READ_MODELS_FILE),
  });
  const bareRun = await measuredThenStopped(bare, measure);
  return { engine: { served: engine, run: engineRun }, bare: { served: bare, run: bareRun } };
}

async function measuredThenStopped<Run>(server: Served, measure: (server: Served) => Promise<Run>): Promise<Run> {
  try {
    return await measure(server);
  } finally {
    await stop(server);
  }
}

/** What the read side's figures are measured on. */
export interface ReadSideRun {
  readonly rebuilt: RebuildReport;
  readonly rawCopyRate: number;
  readonly engine: ServedRun<RegisterRun>;
  readonly bare: ServedRun<RegisterRun>;
  readonly loadSeconds: number;
}

/**
 * The rebuild (beside the raw copy), start-up, register GET, lookup and memory figures, each
 * beside its baseline of the same run: the default run's and the national scale's.
 */
export function readSideFigures(
  { rebuilt, rawCopyRate, engine, bare, loadSeconds }: ReadSideRun,
  names: { readonly startup: string; readonly memory: string },
  targets: { readonly rebuild: Target; readonly requests?: Target; readonly memory: Target },
): Figure[] {
  const count = (n: number) => n.toLocaleString('en-US');
  const bareFastify = (value: number) => ({ name: 'bare Fastify + SQLite', value });
  return [
    {
      // the whole of it, as an operator waits for it: read models, ratings and the log's tree
      name: `full rebuild (${count(rebuilt.events)} events), ratings and tree included`,
      unit: 'events/s',
      measured: rebuilt.events / rebuilt.seconds,
      target: targets.rebuild,
      baseline: { name: 'raw node:sqlite copy', value: rawCopyRate },
    },
    {
      name: `  of which rating what was left once caught up (of ${count(rebuilt.entities)} entities)`,
      unit: 's',
      measured: rebuilt.ratingSeconds,
      digits: 2,
    },
    {
      name: names.startup,
      unit: 's',
      measured: engine.served.startupSeconds,
      target: { below: 5 },
      baseline: { name: 'bare Fastify', value: bare.served.startupSeconds },
      digits: 2,
    },
    {
      name: `GET /v1/register/{bin} (${CONNECTIONS} connections, ${loadSeconds} s)`,
      unit: 'req/s',
      measured: engine.run.load.requests.average,
      target: targets.requests,
      baseline: bareFastify(bare.run.load.requests.average),
    },
    {
      name: 'GET /v1/register/{bin}, p99 latency',
      unit: 'ms',
      measured: engine.run.load.latency.p99,
      target: { below: 10 },
      baseline: bareFastify(bare.run.load.latency.p99),
    },
    {
      name: `POST /v1/register/lookup, 1000 BINs, median of ${LOOKUPS}`,
      unit: 'ms',
      measured: engine.run.lookupMedian,
      target: { below: 50 },
      baseline: bareFastify(bare.run.lookupMedian),
      digits: 1,
    },
    {
      name: names.memory,
      unit: 'MB',
      measured: engine.run.residentMegabytes,
      target: targets.memory,
      baseline: { name: 'bare Fastify', value: bare.run.residentMegabytes },
    },
  ];
}

export interface RegisterRun {
  readonly load: autocannon.Result;
  readonly lookupMedian: number;
  readonly residentMegabytes: number;
}

/** A short warm-up, the measured GET load over random BINs, then 1000-BIN lookups one at a time. */
export async function registerRun(server: Served, bins: readonly string[], authorization: string, seconds: number) {
  const randomViews = (duration: number) =>
    autocannon({
      url: server.url,
      connections: CONNECTIONS,
      headers: { authorization },
      duration,
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
  await randomViews(2);
  const load = await randomViews(seconds);
  if (load.non2xx > 0 || load.errors > 0)
    throw new Error(`register GET on ${server.url}: ${load.non2xx} non-2xx, ${load.errors} errors`);

  const lookups: number[] = [];
  for (let i = 0; i < LOOKUPS; i++) {
    const sample = Array.from({ length: 1000 }, (_, j) => bins[(i * 1000 + j) % bins.length]);
    const started = performance.now();
    const reply = await fetch(`${server.url}/v1/register/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ bins: sample }),
    });
    const views = (await reply.json()) as unknown[];
    if (!reply.ok || views.length !== 1000) throw new Error(`lookup on ${server.url}: ${reply.status}`);
    lookups.push(performance.now() - started);
  }
  lookups.sort((a, b) => a - b);
  return { load, lookupMedian: lookups[Math.floor(LOOKUPS / 2)], residentMegabytes: residentMegabytes(server) };
}

/**
 * The floor of a projection rebuild: read every event in pages, parse it, and insert it into
 * one table keyed by stream and revision, in one transaction per page; no decoding, upcasting,
 * hashing or per-entity bookkeeping.
 */
export function rawCopyRate(eventsFile: string, copyFile: string): number {
  const started = performance.now();
  const source = new DatabaseSync(eventsFile, { readOnly: true });
  const target = new DatabaseSync(copyFile);
  target.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;
    CREATE TABLE copy (stream_id TEXT, revision INTEGER, type TEXT, data TEXT, PRIMARY KEY (stream_id, revision)) STRICT, WITHOUT ROWID`);
  const select = source.prepare(
    'SELECT position, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT 5000',
  );
  const insert = target.prepare('INSERT INTO copy (stream_id, revision, type, data) VALUES (?, ?, ?, ?)');
  let copied = 0;
  for (let after = 0; ;) {
    const rows = select.all(after) as {
      position: number;
      stream_id: string;
      revision: number;
      type: string;
      data: string;
      metadata: string;
    }[];
    if (rows.length === 0) break;
    target.exec('BEGIN');
    for (const row of rows) {
      JSON.parse(row.metadata);
      insert.run(row.stream_id, row.revision, row.type, JSON.stringify(JSON.parse(row.data)));
    }
    target.exec('COMMIT');
    copied += rows.length;
    after = rows[rows.length - 1].position;
  }
  source.close();
  target.close();
  return copied / since(started);
}

/** `npm run cli -- rebuild`, as an operator runs it: a fresh process, not this one's heap after seeding. */
export function rebuildInItsOwnProcess(dataDir: string): RebuildReport {
  const cli = join(process.cwd(), 'dist/apps/compliance-api/src/cli/main.js');
  const run = spawnSync(process.execPath, [cli, 'rebuild', '--json'], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`rebuild failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '') as RebuildReport;
}

function since(started: number): number {
  return (performance.now() - started) / 1000;
}
