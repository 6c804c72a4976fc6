/**
 * `npm run bench -- --scale`: PRODUCT.md section 9's national scale, 10 million events of
 * 100,000 entities (a decade of the quasi-public sector; the largest entity has 10,000), with
 * the same measurements as the read suite where it has them:
 *
 * - the log, generated (`NationalVolume`: realistic histories, hash-chained, interleaved in
 *   recording order) and written straight into the embedded store's file;
 * - the full projection rebuild by the CLI in its own process, beside the raw node:sqlite copy;
 * - the service started on it (until /health answers), `GET /v1/register/{bin}` under the same
 *   autocannon load (32 connections, random BINs of all entities), the 1000-BIN lookup, RSS
 *   after the load, and the whole score history of the largest entity read page by page;
 *   each beside the bare Fastify server reading the same stored rows.
 *
 * `--events N --entities M` for a smaller run (the largest entity then has N / 1000 events, or
 * `--largest K`); `--order entity` writes the log one entity after another instead of in
 * recording order; BENCH_CPU_PROFILE=<dir> profiles the service.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SingleBar } from 'cli-progress';
import type { RebuildReport } from '#projections';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { READ_MODELS_FILE } from '../../apps/compliance-api/src/read-side/read-side.module.js';
import type { Figure } from '../figures.js';
import type { Served } from '../support/processes.js';
import { writeLog } from '../support/write-log.js';
import { rawCopyRate, readSideFigures, registerRun, serviceThenBaseline } from './read.js';

export interface ScaleOptions {
  readonly events: number;
  readonly entities: number;
  /** Events of the largest entity (default: events / 1000). */
  readonly largest?: number;
  /** The log's order: `recording` (all entities interleaved, the default) or `entity` (one after another). */
  readonly order: 'recording' | 'entity';
}

export const NATIONAL_SCALE: ScaleOptions = { events: 10_000_000, entities: 100_000, order: 'recording' };

const LOAD_SECONDS = 15;
/** Whole score histories read, one after another; the median is the figure. */
const HISTORY_READS = 11;
const HISTORY_PAGE = 1000;

export async function scaleFigures(
  { events, entities, largest, order }: ScaleOptions,
  directory: string,
): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(directory, 'scale-'));
  const eventsFile = join(dataDir, 'events.db');
  const count = (n: number) => n.toLocaleString('en-US');
  try {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const log = await writeLog(eventsFile, { events, entities, largest, order, endDay: yesterday });
    console.log(
      `  generated and wrote ${count(events)} events of ${count(entities)} entities in ${log.seconds.toFixed(0)} s ` +
        `(${count(Math.round(events / log.seconds))} events/s; this process's RSS at most ${log.peakResidentMegabytes.toFixed(0)} MB)`,
    );

    const { report: rebuilt, peakResidentMegabytes } = await rebuildWithProgress(dataDir, events);
    assertNothingSetAside(join(dataDir, READ_MODELS_FILE));
    console.log(
      `  rebuilt in ${rebuilt.seconds.toFixed(0)} s (rating ${rebuilt.ratingSeconds.toFixed(0)} s); raw copy...`,
    );
    const rawRate = rawCopyRate(eventsFile, join(dataDir, 'raw-copy.db'));
    rmSync(join(dataDir, 'raw-copy.db'), { force: true });

    const keysFile = join(dataDir, 'keys.json');
    const registry = `Bearer ${createKey(keysFile, 'bench-registry', 'registry')}`;
    const auditor = `Bearer ${createKey(keysFile, 'bench-auditor', 'auditor')}`;
    console.log('  the service, then the bare Fastify baseline, under load...');
    const { engine, bare } = await serviceThenBaseline(dataDir, keysFile, async (server) => ({
      register: await registerRun(server, log.bins, registry, LOAD_SECONDS),
      history: await scoreHistoryRun(server, log.bins[0], auditor),
    }));
    const [history, bareHistory] = [engine.run.history, bare.run.history];
    if (bareHistory.changes !== history.changes) {
      throw new Error(
        `score history: the service answered ${history.changes} changes, the baseline ${bareHistory.changes}`,
      );
    }

    const scale = `${count(events)} events, ${count(entities)} entities, ${order} order`;
    const bareFastify = (value: number) => ({ name: 'bare Fastify + SQLite', value });
    const register = (side: typeof engine) => ({ served: side.served, run: side.run.register });
    const [rebuild, rating, ...served] = readSideFigures(
      { rebuilt, rawCopyRate: rawRate, engine: register(engine), bare: register(bare), loadSeconds: LOAD_SECONDS },
      { startup: `start-up (${scale})`, memory: `service RSS after the load (${scale})` },
      { rebuild: { ratioAtLeast: 0.8 }, memory: { below: 1024 } },
    );
    return [
      { name: `national log generated and written (${scale})`, unit: 'events/s', measured: events / log.seconds },
      rebuild,
      rating,
      { name: '  the rebuild process, peak RSS', unit: 'MB', measured: peakResidentMegabytes },
      ...served,
      {
        name:
          `score history of the largest entity (${count(log.largest)} events: ${count(history.changes)} changes, ` +
          `${history.pages} pages), median of ${HISTORY_READS}`,
        unit: 'ms',
        measured: history.median,
        target: { below: 50 },
        baseline: bareFastify(bareHistory.median),
        digits: 1,
      },
      {
        name: '  the first read of it, after the load',
        unit: 'ms',
        measured: history.first,
        baseline: bareFastify(bareHistory.first),
        digits: 1,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface HistoryRun {
  /** Milliseconds to read the whole history, page after page: the median, and the first read. */
  readonly median: number;
  readonly first: number;
  readonly changes: number;
  readonly pages: number;
}

/** An auditor reading an entity's whole score history, following each page's `next` (pages of 1000). */
async function scoreHistoryRun(server: Served, bin: string, authorization: string): Promise<HistoryRun> {
  const times: number[] = [];
  let changes = 0;
  let pages = 0;
  for (let read = 0; read < HISTORY_READS; read++) {
    [changes, pages] = [0, 0];
    const started = performance.now();
    for (let cursor: string | undefined; ;) {
      const query = `limit=${HISTORY_PAGE}${cursor === undefined ? '' : `&cursor=${cursor}`}`;
      const reply = await fetch(`${server.url}/v1/entities/${bin}/score-history?${query}`, {
        headers: { authorization },
      });
      const page = (await reply.json()) as { changes: unknown[]; next?: string };
      if (!reply.ok) throw new Error(`score history on ${server.url}: ${reply.status} ${JSON.stringify(page)}`);
      changes += page.changes.length;
      pages++;
      cursor = page.next;
      if (cursor === undefined) break;
    }
    times.push(performance.now() - started);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(HISTORY_READS / 2)], first: times[0], changes, pages };
}

/**
 * `npm run cli -- rebuild --json` in its own process, as the read suite runs it, with a progress
 * bar read from the checkpoint of the file being built (the log's positions are 1 to N here).
 */
async function rebuildWithProgress(
  dataDir: string,
  total: number,
): Promise<{ report: RebuildReport; peakResidentMegabytes: number }> {
  const cli = join(process.cwd(), 'dist/apps/compliance-api/src/cli/main.js');
  const child = spawn(process.execPath, [cli, 'rebuild', '--json'], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const bar = new SingleBar({
    format: 'rebuild  [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
    etaBuffer: 10,
    noTTYOutput: true,
    notTTYSchedule: 30_000,
  });
  const started = performance.now();
  bar.start(total, 0, { speed: 0 });
  const building = join(dataDir, `${READ_MODELS_FILE}.rebuild`);
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, peakResidentMegabytesOf(child.pid));
    const applied = appliedSoFar(building);
    if (applied === undefined || applied === bar.getProgress() * total) return; // rating: the ETA stands
    bar.update(applied, { speed: Math.round(applied / ((performance.now() - started) / 1000)) });
  }, 2_000);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`rebuild failed (exit code ${code}): ${stderr}`);
    if (bar.getProgress() < 1) bar.update(total);
  } finally {
    clearInterval(poll);
    bar.stop();
  }
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as RebuildReport;
  return { report, peakResidentMegabytes: peak };
}

/** The peak resident memory of a running process so far, in MB (Linux), or 0 once it has gone. */
function peakResidentMegabytesOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** The position the read models being built have reached, or undefined while it cannot be read. */
function appliedSoFar(file: string): number | undefined {
  try {
    const db = new DatabaseSync(file, { readOnly: true, timeout: 100 });
    try {
      const row = db.prepare("SELECT position FROM checkpoint WHERE name = 'read-models'").get() as
        { position: string } | undefined;
      return row === undefined ? undefined : Number(row.position);
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/** A generated log the read models set an entity aside from is not a valid national log: stop. */
function assertNothingSetAside(readModelsFile: string): void {
  const db = new DatabaseSync(readModelsFile, { readOnly: true });
  try {
    const { n } = db.prepare('SELECT count(*) AS n FROM quarantine').get() as { n: number };
    if (n > 0) throw new Error(`The read models set ${n} generated entities aside: the generator made an invalid log`);
  } finally {
    db.close();
  }
}

/** The scale of a run: the national one, or `--events N --entities M [--largest K]` for a smaller one. */
export function scaleOptions(values: {
  events?: string;
  entities?: string;
  largest?: string;
  order?: string;
}): ScaleOptions {
  const events = values.events === undefined ? NATIONAL_SCALE.events : Number(values.events);
  const entities = values.entities === undefined ? NATIONAL_SCALE.entities : Number(values.entities);
  const largest = values.largest === undefined ? undefined : Number(values.largest);
  if (!(Number.isSafeInteger(events) && Number.isSafeInteger(entities) && entities > 0 && events >= 12 * entities)) {
    throw new Error('--scale needs --events N --entities M with at least 12 events per entity');
  }
  if (largest !== undefined && !(Number.isSafeInteger(largest) && largest > 0)) {
    throw new Error('--largest needs a number of events');
  }
  const order = values.order ?? NATIONAL_SCALE.order;
  if (order !== 'recording' && order !== 'entity') throw new Error('--order is recording or entity');
  return { events, entities, largest, order };
}
