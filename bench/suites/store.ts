/**
 * The embedded event store beside raw node:sqlite doing the same work on the same schema,
 * pragmas and disk, in the same run (PRODUCT.md section 9), and beside a peer library,
 * emmett's SQLite event store: single-event appends (one durable transaction each), batched
 * appends (100 events per transaction) and reading the whole log in pages. "Raw" is what a
 * hand-written store without the port would do: the same INSERTs and SELECTs and the same
 * JSON (de)serialisation and one plain object per event read, but no validation, expected-
 * revision check or idempotency. Each
 * figure is the median of several rounds, alternating which side goes first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { SqliteEventStore, type SqliteSynchronous } from '#event-store/sqlite';
import type { Figure } from '../figures.js';
import { ensurePeerInstalled } from '../peer-install.js';
import {
  BATCH,
  batchedAppends,
  eventCount,
  fillLog,
  measure,
  READ_PAGE,
  readingAll,
  readWholeLog,
  singleEventAppends,
  STREAMS,
  type Append,
  type Workload,
} from '../support/store-workloads.js';

const INSERT_SQL =
  'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)';
const SELECT_SQL =
  'SELECT position, event_id, stream_id, revision, type, data, metadata, created FROM events WHERE position > ? ORDER BY position LIMIT ?';

let scratch = '';
let files = 0;
const freshFile = (): string => join(scratch, `db-${files++}`, 'events.db');

/** A raw connection to a file whose schema the store created, with the store's pragmas. */
function openRaw(filename: string, synchronous: SqliteSynchronous): DatabaseSync {
  void SqliteEventStore.open({ filename }).close();
  const db = new DatabaseSync(filename);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = ${synchronous.toUpperCase()}; PRAGMA cache_size = -65536;`);
  return db;
}

function appendWorkload(appends: Append[], synchronous: SqliteSynchronous): Workload {
  return {
    count: eventCount(appends),
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
  await fillLog(SqliteEventStore.open({ filename }), count);
  const expectAll = readingAll(count);
  return {
    count,
    async engine() {
      expectAll(await readWholeLog(SqliteEventStore.open({ filename })));
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
        // what any reader of a log hands its caller: one event object per row, data parsed
        const events = rows.map((row) => ({
          position: row[0],
          eventId: row[1],
          streamId: row[2],
          revision: row[3],
          type: row[4],
          data: JSON.parse(row[5]) as unknown,
          metadata: JSON.parse(row[6]) as unknown,
          created: new Date(row[7]),
        }));
        read += events.length;
        await Promise.resolve();
        if (rows.length < READ_PAGE) break;
        after = rows[rows.length - 1][0];
      }
      db.close();
      expectAll(read);
    },
  };
}

/** emmett-sqlite doing the same appends and read, in a process of its own (it is a separate package). */
async function peerRates(
  single: number,
  batched: number,
): Promise<{ single: number; batched: number; readAll: number }> {
  const script = await ensurePeerInstalled();
  const args = [
    '--single',
    single,
    '--batched',
    batched,
    '--batch',
    BATCH,
    '--streams',
    STREAMS,
    '--read-page',
    READ_PAGE,
  ];
  const { stdout } = await promisify(execFile)(process.execPath, [script, ...args.map(String), '--dir', scratch]);
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as { single: number; batched: number; readAll: number };
}

export async function storeFigures(quick: boolean, directory: string): Promise<Figure[]> {
  scratch = mkdtempSync(join(directory, 'store-'));
  const rounds = quick ? 1 : 5;
  const singles = quick ? 5_000 : 20_000;
  const batched = quick ? 50_000 : 200_000;
  try {
    if (!quick) await measure(1, () => appendWorkload(batchedAppends(10_000), 'normal')); // warm up the JIT
    const single = await measure(rounds, () => appendWorkload(singleEventAppends(singles), 'normal'));
    const batch = await measure(rounds, () => appendWorkload(batchedAppends(batched), 'normal'));
    const read = await measure(rounds, () => readAllWorkload(batched));
    const singleFull = await measure(rounds, () => appendWorkload(singleEventAppends(singles / 4), 'full'));
    const peer = await peerRates(singles / 4, batched);

    const raw = (value: number) => ({ name: 'raw node:sqlite', value });
    const emmett = (value: number) => ({ name: 'emmett-sqlite', value });
    const count = (n: number) => n.toLocaleString('en-US');
    return [
      {
        name: `store: single durable appends (${count(singles)})`,
        unit: 'events/s',
        measured: single.engine,
        target: { atLeast: 10_000, ratioAtLeast: 0.7 },
        baseline: raw(single.raw),
      },
      {
        name: `store: batched appends, ${BATCH} per transaction (${count(batched)})`,
        unit: 'events/s',
        measured: batch.engine,
        target: { atLeast: 100_000, ratioAtLeast: 0.7 },
        baseline: raw(batch.raw),
        peer: emmett(peer.batched),
      },
      {
        name: `store: read all, pages of ${READ_PAGE} (${count(batched)})`,
        unit: 'events/s',
        measured: read.engine,
        target: { atLeast: 300_000, ratioAtLeast: 0.7 },
        baseline: raw(read.raw),
        peer: emmett(peer.readAll),
      },
      {
        // emmett keeps SQLite's default synchronous=FULL: its single appends compare with these
        name: `store: single appends, synchronous=FULL (${count(singles / 4)})`,
        unit: 'events/s',
        measured: singleFull.engine,
        baseline: raw(singleFull.raw),
        peer: emmett(peer.single),
      },
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
