/**
 * npm run bench:store [-- --quick]
 *
 * The embedded event store beside raw node:sqlite doing the same work on the same schema,
 * pragmas and disk, in the same run (PRODUCT.md section 9): single-event appends (one
 * durable transaction each), batched appends (100 events per transaction) and reading the
 * whole log in pages. "Raw" is what a hand-written store without the port would do: the
 * same INSERTs and SELECTs and the same JSON (de)serialisation, but no validation,
 * expected-revision check or idempotency. Each figure is the median of several rounds,
 * alternating which side goes first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { newEventId, type EventToAppend, type Position } from '#event-store';
import { SqliteEventStore, type SqliteSynchronous } from '#event-store/sqlite';
import { formatRate, printTable } from './table.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 1 : 5;
const SINGLE = quick ? 5_000 : 20_000;
const BATCHED = quick ? 50_000 : 200_000;
const BATCH = 100;
const STREAMS = 1_000;
const READ_PAGE = 1_000;
const INSERT_SQL =
  'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)';
const SELECT_SQL =
  'SELECT position, event_id, stream_id, revision, type, data, metadata, created FROM events WHERE position > ? ORDER BY position LIMIT ?';

interface Append {
  readonly stream: string;
  readonly events: EventToAppend[];
}

/** Events per second of each side. */
interface Figure {
  readonly engine: number;
  readonly raw: number;
}

/** One workload: both sides do `count` events' worth of the same work on fresh files. */
interface Workload {
  readonly count: number;
  engine(): Promise<void>;
  raw(): Promise<void>;
}

const scratch = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'store-bench-'));
let files = 0;
const freshFile = (): string => join(scratch, `db-${files++}`, 'events.db');

/** A realistic event: a certificate issued to an entity, with the envelope metadata. */
function certificateIssued(n: number): EventToAppend {
  return {
    eventId: newEventId(),
    type: 'CertificateIssued',
    data: {
      certificateId: `cert-${n}`,
      certificateNumber: `KZ.7500403.22.03.${n}`,
      standard: 'ISO_37001',
      edition: '2016',
      certificationBody: 'Certification body of the Kazakhstan Institute of Standardization',
      issuedOn: '2025-03-01',
      expiresOn: '2028-02-29',
    },
    metadata: {
      recordedAt: new Date().toISOString(),
      recordedBy: { keyId: 'officer-key-1', role: 'officer' },
      correlationId: newEventId(),
      schemaVersion: 1,
    },
  };
}

function singleEventAppends(count: number): Append[] {
  return Array.from({ length: count }, (_, n) => ({ stream: `entity-${n % STREAMS}`, events: [certificateIssued(n)] }));
}

function batchedAppends(count: number): Append[] {
  return Array.from({ length: count / BATCH }, (_, b) => ({
    stream: `entity-batch-${b}`,
    events: Array.from({ length: BATCH }, (_, i) => certificateIssued(b * BATCH + i)),
  }));
}

/** A raw connection to a file whose schema the store created, with the store's pragmas. */
function openRaw(filename: string, synchronous: SqliteSynchronous): DatabaseSync {
  void SqliteEventStore.open({ filename }).close();
  const db = new DatabaseSync(filename);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous.toUpperCase()}; PRAGMA cache_size = -65536;`);
  return db;
}

function appendWorkload(appends: Append[], synchronous: SqliteSynchronous): Workload {
  return {
    count: appends.reduce((sum, a) => sum + a.events.length, 0),
    async engine() {
      const store = SqliteEventStore.open({ filename: freshFile(), synchronous });
      for (const { stream, events } of appends) await store.appendToStream(stream, events);
      await store.close();
    },
    async raw() {
      const db = openRaw(freshFile(), synchronous);
      const [begin, insert, commit] = [db.prepare('BEGIN IMMEDIATE'), db.prepare(INSERT_SQL), db.prepare('COMMIT')];
      const revisions = new Map<string, number>();
      for (const { stream, events } of appends) {
        begin.run();
        const created = Date.now();
        for (const event of events) {
          const revision = (revisions.get(stream) ?? -1) + 1;
          revisions.set(stream, revision);
          const { eventId, type, data, metadata } = event;
          insert.run(eventId, stream, revision, type, JSON.stringify(data), JSON.stringify(metadata), created);
        }
        commit.run();
        await Promise.resolve(); // the one await per append that the engine's caller pays
      }
      db.close();
    },
  };
}

async function readAllWorkload(count: number): Promise<Workload> {
  const filename = freshFile();
  const store = SqliteEventStore.open({ filename });
  for (const { stream, events } of batchedAppends(count)) await store.appendToStream(stream, events);
  await store.close();
  const expectAll = (read: number): void => {
    if (read !== count) throw new Error(`read ${read} events, expected ${count}`);
  };
  return {
    count,
    async engine() {
      const reader = SqliteEventStore.open({ filename });
      let read = 0;
      for (let after: Position | undefined; ;) {
        const page = await reader.readAll({ after, maxCount: READ_PAGE });
        read += page.length;
        if (page.length < READ_PAGE) break;
        after = page[page.length - 1].position;
      }
      await reader.close();
      expectAll(read);
    },
    async raw() {
      const db = new DatabaseSync(filename, { readOnly: true });
      const select = db.prepare(SELECT_SQL);
      select.setReturnArrays(true);
      let read = 0;
      for (let after = 0; ;) {
        const rows = select.all(after, READ_PAGE) as unknown as [
          number,
          string,
          string,
          number,
          string,
          string,
          string,
          number,
        ][];
        for (const row of rows) {
          JSON.parse(row[5]);
          JSON.parse(row[6]);
          void new Date(row[7]);
        }
        read += rows.length;
        await Promise.resolve();
        if (rows.length < READ_PAGE) break;
        after = rows[rows.length - 1][0];
      }
      db.close();
      expectAll(read);
    },
  };
}

async function eventsPerSecond(count: number, work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return count / ((performance.now() - start) / 1000);
}

async function measure(makeWorkload: () => Workload | Promise<Workload>): Promise<Figure> {
  const engine: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const workload = await makeWorkload();
    const sides = [
      async () => engine.push(await eventsPerSecond(workload.count, () => workload.engine())),
      async () => raw.push(await eventsPerSecond(workload.count, () => workload.raw())),
    ];
    for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
  }
  return { engine: median(engine), raw: median(raw) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function row(figure: string, { engine, raw }: Figure, target?: number): string[] {
  const ratio = engine / raw;
  const verdict = target === undefined ? 'info' : engine >= target && ratio >= 0.7 ? 'met' : 'MISSED';
  const goal = target === undefined ? '-' : `>= ${formatRate(target)} and >= 0.70x`;
  return [figure, formatRate(engine), formatRate(raw), `${ratio.toFixed(2)}x`, goal, verdict];
}

async function main(): Promise<void> {
  console.log(
    `Event store benchmark (${quick ? 'quick' : 'full'}): node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ` +
      `files under ${scratch}, median of ${ROUNDS} round(s)\n`,
  );
  if (!quick) await measure(() => appendWorkload(batchedAppends(10_000), 'normal')); // warm up the JIT

  const single = await measure(() => appendWorkload(singleEventAppends(SINGLE), 'normal'));
  const batched = await measure(() => appendWorkload(batchedAppends(BATCHED), 'normal'));
  const read = await measure(() => readAllWorkload(BATCHED));
  const singleFull = await measure(() => appendWorkload(singleEventAppends(SINGLE / 4), 'full'));

  const count = (n: number): string => n.toLocaleString('en-US');
  printTable(
    ['figure (events/s)', 'engine', 'raw node:sqlite', 'ratio', 'target', 'verdict'],
    [
      row(`single durable appends, synchronous=NORMAL (${count(SINGLE)})`, single, 10_000),
      row(`batched appends, ${BATCH} per transaction (${count(BATCHED)})`, batched, 100_000),
      row(`read all, pages of ${READ_PAGE} (${count(BATCHED)})`, read, 300_000),
      row(`single appends, synchronous=FULL (${count(SINGLE / 4)})`, singleFull),
    ],
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(scratch, { recursive: true, force: true }));
