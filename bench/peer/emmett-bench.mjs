/**
 * Peer baseline for the event-store benchmark: emmett 0.38.5's SQLite event store
 * (@event-driven-io/emmett-sqlite, on the sqlite3 npm module) doing the work of our
 * bench/suites/store.ts on fresh files:
 *
 *   node bench/peer/emmett-bench.mjs --single 5000 --batched 50000 --batch 100 --streams 1000 --dir /tmp/x
 *
 * - single: `--single` appends of one event each, round-robin over `--streams` streams, awaited
 *   one after another;
 * - batched: `--batched` events in appends of `--batch` events, one new stream per append;
 * - readAll: every batched event read back by global position, in pages of `--read-page`.
 *
 * Plain ESM JavaScript, run as is: our build does not compile bench/peer, which is a package of
 * its own (bench/peer-install.ts installs it). The last line of stdout is one JSON object.
 *
 * Durability is emmett's default, untuned, and reported as read through emmett's own
 * connection: each connection runs `PRAGMA journal_mode = WAL` and leaves `synchronous` at
 * SQLite's default. getSQLiteEventStore takes no pragma option in 0.38.5 and opens a fresh
 * sqlite3 connection per call for file databases, so setting another `synchronous` would mean
 * running the PRAGMA from the `onBeforeCommit` hook inside every append transaction, or
 * bypassing the store with its exported low-level functions: not done here.
 *
 * A known race of emmett-sqlite 0.38.5 is retried, counted and reported (`retries`): every
 * connection fires `PRAGMA journal_mode = WAL` without awaiting it, and node-sqlite3 runs
 * statements in parallel, so on a fresh per-call connection that PRAGMA can execute inside
 * the append's transaction and still be an unfinalised statement (it returns a row) when
 * COMMIT runs: "SQLITE_BUSY: cannot commit transaction - SQL statements in progress". emmett
 * rolls back before rethrowing, so the append is simply made again (the counts checked at the
 * end prove no event was lost or doubled); the failed attempt stays in the timing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getSQLiteEventStore, readMessagesBatch, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import sqlite3 from 'sqlite3';

const { values: args } = parseArgs({
  options: {
    single: { type: 'string', default: '5000' },
    batched: { type: 'string', default: '50000' },
    batch: { type: 'string', default: '100' },
    streams: { type: 'string', default: '1000' },
    'read-page': { type: 'string', default: '1000' }, // as bench/suites/store.ts's READ_PAGE
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false }, // keep the database files after the run
  },
});
const positive = (name) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`--${name} must be a positive integer, got ${args[name]}`);
  return value;
};
const SINGLE = positive('single');
const BATCHED = positive('batched');
const BATCH = positive('batch');
const STREAMS = positive('streams');
const READ_PAGE = positive('read-page');
if (BATCHED % BATCH !== 0) throw new Error(`--batched (${BATCHED}) must be a multiple of --batch (${BATCH})`);

/**
 * The event of our own store benchmark, from its compiled module (`npm run bench` builds first).
 * emmett's Event is `{ type, data, metadata?, kind? }`, so it is appended as is: emmett merges
 * `streamName`, `messageId` (a UUID v4) and `streamPosition` into the metadata before storing it
 * as JSON, and our keys do not collide.
 */
const { certificateIssued } = await import(
  new URL('../../dist/bench/support/certificate-issued.js', import.meta.url).href
);

/** Events per second of `work`, which handles `count` events. */
async function eventsPerSecond(count, work) {
  const start = performance.now();
  await work();
  return Math.round(count / ((performance.now() - start) / 1000));
}

/** The store as a user gets it: defaults only (file database, schema auto-created on first use). */
const openStore = (fileName, hooks) => getSQLiteEventStore({ fileName, ...(hooks ? { hooks } : {}) });

const MAX_ATTEMPTS = 5;
const isPragmaRace = (error) => error?.code === 'SQLITE_BUSY' && /SQL statements in progress/.test(error.message);

/** store.appendToStream, made again after the rolled-back PRAGMA race (see the top); counts retries. */
async function append(store, stream, events, retries) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.appendToStream(stream, events);
    } catch (error) {
      if (!isPragmaRace(error) || attempt === MAX_ATTEMPTS) throw error;
      retries.count++;
    }
  }
}

/** Appends everything, one append awaited after another, counting retries into `retries`. */
async function appendAll(fileName, appends, retries) {
  const store = openStore(fileName);
  for (const { stream, events } of appends) await append(store, stream, events, retries);
  // No close(): the store has none, and closes its connection after every call (file databases).
}

/** Runs `fn` on a plain emmett sqliteConnection to `fileName`, then closes it. */
async function withConnection(fileName, fn) {
  const connection = sqliteConnection({ fileName });
  try {
    return await fn(connection);
  } finally {
    connection.close();
  }
}

async function countMessages(fileName) {
  const row = await withConnection(fileName, (c) => c.querySingle('SELECT COUNT(*) AS n FROM emt_messages'));
  return row.n;
}

/**
 * Reading everything: emmett 0.38.5's EventStore has no readAll. Its global read is the
 * exported `readMessagesBatch(connection, { after, batchSize })` (WHERE global_position >= after
 * + 1 ORDER BY global_position LIMIT batchSize), which store.consumer() pulls with too; the
 * consumer adds a 50 ms sleep between batches (pullingFrequencyInMs) and a checkpoint write per
 * message, and `readStream` per stream opens and closes a connection per call, so the batch
 * read on one connection is the most efficient way the library offers.
 */
async function readAll(fileName) {
  return withConnection(fileName, async (connection) => {
    let read = 0;
    let after = 0n;
    for (;;) {
      const { messages, currentGlobalPosition, areEventsLeft } = await readMessagesBatch(connection, {
        after,
        batchSize: READ_PAGE,
      });
      read += messages.length;
      if (read === messages.length && messages[0]?.data.certificateId !== 'cert-0')
        throw new Error(`unexpected first event ${JSON.stringify(messages[0])}`);
      if (!areEventsLeft) return read;
      after = currentGlobalPosition;
    }
  });
}

/**
 * journal_mode and synchronous as emmett's own connection has them: appends to a separate
 * file with an onBeforeCommit hook, which emmett calls inside the append transaction with the
 * connection of that append. The second append's are kept: by then the file is in WAL for
 * sure (journal_mode is persistent; synchronous is per connection and never set by emmett).
 */
async function durabilitySettings(fileName) {
  const synchronousNames = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
  let settings;
  const hooks = {
    onBeforeCommit: async (_messages, { connection }) => {
      const { journal_mode } = await connection.querySingle('PRAGMA journal_mode');
      const { synchronous } = await connection.querySingle('PRAGMA synchronous');
      settings = { journalMode: journal_mode, synchronous: synchronousNames[synchronous] ?? String(synchronous) };
    },
  };
  const store = openStore(fileName, hooks);
  for (let n = 0; n < 2; n++) await append(store, 'probe-1', [certificateIssued(n)], { count: 0 });
  if (!settings) throw new Error('onBeforeCommit was not called');
  return settings;
}

function packageVersion(name) {
  const here = dirname(fileURLToPath(import.meta.url));
  return JSON.parse(readFileSync(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/**
 * stdout is ours: emmett's withTransaction console.logs every error it rethrows (the retried
 * race above among them), so console.log goes to stderr and the JSON stays the last line.
 */
const print = (line) => process.stdout.write(`${line}\n`);
console.log = (...items) => console.error(...items);

function expectCount(what, actual, expected) {
  if (actual !== expected) throw new Error(`${what}: ${actual} events, expected ${expected}`);
}

async function main() {
  const root = resolve(args.dir ?? join(process.env.BENCH_DIR ?? '/tmp', 'emmett-bench'));
  mkdirSync(root, { recursive: true });
  const scratch = mkdtempSync(join(root, 'emmett-'));
  const file = (name) => join(scratch, `${name}.db`);
  print(
    `emmett peer benchmark: node ${process.version}, SQLite ${sqlite3.VERSION}, ${SINGLE} single, ` +
      `${BATCHED} batched (${BATCH} per append), files under ${scratch}`,
  );
  try {
    // Events are built before the clock starts, as in bench/suites/store.ts.
    const singles = Array.from({ length: SINGLE }, (_, n) => ({
      stream: `entity-${n % STREAMS}`,
      events: [certificateIssued(n)],
    }));
    const batches = Array.from({ length: BATCHED / BATCH }, (_, b) => ({
      stream: `entity-batch-${b}`,
      events: Array.from({ length: BATCH }, (_, i) => certificateIssued(b * BATCH + i)),
    }));

    const retries = { single: { count: 0 }, batched: { count: 0 } };
    const single = await eventsPerSecond(SINGLE, () => appendAll(file('single'), singles, retries.single));
    expectCount('single appends stored', await countMessages(file('single')), SINGLE);

    const batched = await eventsPerSecond(BATCHED, () => appendAll(file('batched'), batches, retries.batched));

    let read = 0;
    const readAllRate = await eventsPerSecond(BATCHED, async () => {
      read = await readAll(file('batched'));
    });
    expectCount('read all', read, BATCHED);

    const { journalMode, synchronous } = await durabilitySettings(file('probe'));
    print(
      JSON.stringify({
        single,
        batched,
        readAll: readAllRate,
        readMethod: `readMessagesBatch (global position, pages of ${READ_PAGE}, one connection; no EventStore.readAll in 0.38.5)`,
        journalMode,
        synchronous,
        versions: {
          emmett: packageVersion('@event-driven-io/emmett'),
          emmettSqlite: packageVersion('@event-driven-io/emmett-sqlite'),
          sqlite3: packageVersion('sqlite3'),
          sqlite: sqlite3.VERSION,
          node: process.versions.node,
        },
        retries: { single: retries.single.count, batched: retries.batched.count },
        params: { single: SINGLE, batched: BATCHED, batch: BATCH, streams: STREAMS, readPage: READ_PAGE },
      }),
    );
  } finally {
    if (!args.keep) rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
