/**
 * The PostgreSQL event store beside raw `pg` inserts of the same rows into the same table (the
 * store's own schema, made fresh for each side), in the same run: single-event appends (one
 * commit each), batched appends (100 events a commit), reading the whole log in pages, and
 * single appends from 8 connections at once. "Raw" is what a hand-written store would do: the
 * same INSERTs and SELECTs with positions and revisions counted in the client (from a sequence
 * when concurrent), and no expected-revision check, idempotency, notification or ordering lock;
 * the concurrent figure shows what the store's gap-free order costs. Runs when a server answers
 * at BENCH_DATABASE_URL (default: the tests' postgres://postgres@127.0.0.1:5432/test); says why
 * it did not otherwise.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, postgresUnavailable } from '#event-store/postgres';
import type { Figure } from '../figures.js';
import {
  BATCH,
  batchedAppends,
  certificateIssued,
  eventCount,
  fillLog,
  measure,
  READ_PAGE,
  readingAll,
  readWholeLog,
  singleEventAppends,
  type Append,
  type Workload,
} from '../support/store-workloads.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = 8;
const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, created';

const schemas: string[] = [];

/** A fresh schema with the store's tables; dropped when the suite ends. */
async function freshStore(poolSize = 1): Promise<{ store: PostgresEventStore; schema: string }> {
  const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  schemas.push(schema);
  return { store: await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize }), schema };
}

/** A plain connection to a fresh schema of the store's shape, for the raw side. */
async function rawSchema(): Promise<{ client: pg.Client; schema: string; events: string }> {
  const { store, schema } = await freshStore();
  await store.close();
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  return { client, schema, events: `"${schema}".events` };
}

/** Raw rows of a batch: positions and revisions counted here, as a store without a server-side check would. */
function rowsOf(append: Append, firstPosition: number, firstRevision: number): unknown[] {
  const { events } = append;
  return [
    events.map((_, i) => firstPosition + i),
    events.map((e) => e.eventId),
    append.stream,
    events.map((_, i) => firstRevision + i),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata)),
  ];
}

const RAW_INSERT = (events: string) =>
  `INSERT INTO ${events} (${COLUMNS})
   SELECT p, id, $3, r, t, d::json, m::json, now()
   FROM unnest($1::bigint[], $2::uuid[], $4::int[], $5::text[], $6::text[], $7::text[]) AS rows (p, id, r, t, d, m)`;

function appendWorkload(appends: Append[]): Workload {
  return {
    count: eventCount(appends),
    async engine() {
      const { store } = await freshStore();
      for (const { stream, events } of appends) await store.appendToStream(stream, events);
      await store.close();
    },
    async raw() {
      const { client, events } = await rawSchema();
      const insert = { name: 'raw_insert', text: RAW_INSERT(events) };
      const revisions = new Map<string, number>();
      let position = 1;
      for (const append of appends) {
        const revision = revisions.get(append.stream) ?? 0;
        await client.query({ ...insert, values: rowsOf(append, position, revision) });
        revisions.set(append.stream, revision + append.events.length);
        position += append.events.length;
      }
      await client.end();
    },
  };
}

/** Single appends from CONCURRENCY connections at once, each to streams of its own. */
function concurrentWorkload(count: number): Workload {
  const perConnection = count / CONCURRENCY;
  const appendsOf = (connection: number) =>
    Array.from({ length: perConnection }, (_, n) => ({
      stream: `entity-${connection}-${n % 100}`,
      events: [certificateIssued(n)],
    }));
  return {
    count,
    async engine() {
      const { store } = await freshStore(CONCURRENCY);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, connection) => {
          for (const { stream, events } of appendsOf(connection)) await store.appendToStream(stream, events);
        }),
      );
      await store.close();
    },
    async raw() {
      const { client: setup, schema, events } = await rawSchema();
      const sequence = `"${schema}".raw_position`;
      await setup.query(`CREATE SEQUENCE ${sequence}`);
      await setup.end();
      // positions from a sequence: commits in any order, which is the gap the store closes
      const insert = {
        name: 'raw_concurrent_insert',
        text: `INSERT INTO ${events} (${COLUMNS}) VALUES (nextval('${sequence}'), $1, $2, $3, $4, $5::json, $6::json, now())`,
      };
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, connection) => {
          const client = new pg.Client({ connectionString: DATABASE_URL });
          await client.connect();
          const revisions = new Map<string, number>();
          for (const {
            stream,
            events: [event],
          } of appendsOf(connection)) {
            const revision = revisions.get(stream) ?? 0;
            revisions.set(stream, revision + 1);
            const { eventId, type, data, metadata } = event;
            await client.query({
              ...insert,
              values: [eventId, stream, revision, type, JSON.stringify(data), JSON.stringify(metadata)],
            });
          }
          await client.end();
        }),
      );
    },
  };
}

async function readAllWorkload(count: number): Promise<Workload> {
  const { store, schema } = await freshStore();
  await fillLog(store, count);
  const expectAll = readingAll(count);
  return {
    count,
    async engine() {
      expectAll(
        await readWholeLog(await PostgresEventStore.connect({ connectionString: DATABASE_URL, schema, poolSize: 1 })),
      );
    },
    async raw() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      const select = {
        name: 'raw_select',
        text: `SELECT ${COLUMNS} FROM "${schema}".events WHERE position > $1 ORDER BY position LIMIT $2`,
        rowMode: 'array' as const,
      };
      let read = 0;
      for (let after = '0'; ;) {
        const { rows } = await client.query({ ...select, values: [after, READ_PAGE] });
        // what any reader of a log hands its caller: one event object per row (pg parses the JSON)
        const events = (rows as unknown[][]).map((row) => ({
          position: row[0] as string,
          eventId: row[1],
          streamId: row[2],
          revision: row[3],
          type: row[4],
          data: row[5],
          metadata: row[6],
          created: row[7],
        }));
        read += events.length;
        if (rows.length < READ_PAGE) break;
        after = events[events.length - 1].position;
      }
      await client.end();
      expectAll(read);
    },
  };
}

async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

export async function postgresFigures(quick: boolean): Promise<Figure[]> {
  const problem = await postgresUnavailable(DATABASE_URL);
  if (problem !== undefined) {
    console.log(`  PostgreSQL figures skipped: ${problem} (set BENCH_DATABASE_URL)`);
    return [];
  }
  const rounds = quick ? 1 : 3;
  const singles = quick ? 2_000 : 10_000;
  const batched = quick ? 20_000 : 100_000;
  try {
    const single = await measure(rounds, () => appendWorkload(singleEventAppends(singles)));
    const batch = await measure(rounds, () => appendWorkload(batchedAppends(batched)));
    const read = await measure(rounds, () => readAllWorkload(batched));
    const concurrent = await measure(rounds, () => concurrentWorkload(singles));

    const raw = (value: number) => ({ name: 'raw pg', value });
    const count = (n: number) => n.toLocaleString('en-US');
    return [
      {
        name: `postgres store: single appends (${count(singles)})`,
        unit: 'events/s',
        measured: single.engine,
        baseline: raw(single.raw),
      },
      {
        name: `postgres store: batched appends, ${BATCH} per transaction (${count(batched)})`,
        unit: 'events/s',
        measured: batch.engine,
        baseline: raw(batch.raw),
      },
      {
        name: `postgres store: read all, pages of ${READ_PAGE} (${count(batched)})`,
        unit: 'events/s',
        measured: read.engine,
        baseline: raw(read.raw),
      },
      {
        name: `postgres store: single appends, ${CONCURRENCY} connections at once (${count(singles)})`,
        unit: 'events/s',
        measured: concurrent.engine,
        baseline: { name: 'raw pg, sequence', value: concurrent.raw },
      },
    ];
  } finally {
    await dropSchemas();
  }
}
