/**
 * The HTTP baseline: a bare Fastify server doing the least each measured request needs, with
 * none of the framework, authentication, validation, decision, hashing or idempotency, so the
 * benchmark's ratio is what all of that costs. Started as its own process by the benchmark,
 * on the same files the service uses (PORT, DATA_DIR and READ_MODELS from the environment):
 * - POST /v1/entities/:bin/trainings: parse the body, insert one event row with a uuid in
 *   one SQLite transaction, answer 201 (what a write command does at minimum);
 * - GET /v1/register/:bin and POST /v1/register/lookup: the stored register view(s) from the
 *   service's own read models, read by primary key (what a register read does at minimum);
 * - GET /v1/entities/:bin/score-history: a page of the stored score history, by the service's
 *   own query (the scale benchmark's).
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteEventStore } from '#event-store/sqlite';

const app = Fastify({ bodyLimit: 1024 * 1024 });
const JSON_TYPE = 'application/json; charset=utf-8';

const eventsFile = join(process.env.DATA_DIR ?? '.', 'baseline.db');
void SqliteEventStore.open({ filename: eventsFile }).close(); // the same schema as the engine's
const events = new DatabaseSync(eventsFile);
events.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
const insert = events.prepare(
  'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const revisions = new Map<string, number>();

app.post<{ Params: { bin: string }; Body: unknown }>('/v1/entities/:bin/trainings', async (request, reply) => {
  const streamId = `entity-${request.params.bin}`;
  const revision = (revisions.get(streamId) ?? -1) + 1;
  revisions.set(streamId, revision);
  const eventId = randomUUID();
  events.exec('BEGIN IMMEDIATE');
  const { lastInsertRowid } = insert.run(
    eventId,
    streamId,
    revision,
    'AntiCorruptionTrainingCompleted',
    JSON.stringify(request.body),
    '{}',
    Date.now(),
  );
  events.exec('COMMIT');
  return reply.code(201).send({ eventId, streamId, revision, position: String(lastInsertRowid) });
});

if (process.env.READ_MODELS !== undefined) {
  const readModels = new DatabaseSync(process.env.READ_MODELS, { readOnly: true });
  const selectView = readModels.prepare('SELECT view FROM ratings WHERE bin = ?');
  const viewOf = (bin: string) => (selectView.get(bin) as { view: string | null } | undefined)?.view ?? undefined;

  app.get<{ Params: { bin: string } }>('/v1/register/:bin', async (request, reply) => {
    const view = viewOf(request.params.bin);
    return view === undefined ? reply.code(404).send() : reply.type(JSON_TYPE).send(view);
  });
  app.post<{ Body: { bins: string[] } }>('/v1/register/lookup', async (request, reply) =>
    reply
      .type(JSON_TYPE)
      .send(`[${request.body.bins.map((bin) => viewOf(bin) ?? JSON.stringify({ bin, found: false })).join(',')}]`),
  );
  // a page of the stored score history, the service's own query; `next` is the revision to go on from
  const selectHistory = readModels.prepare(
    `SELECT e.event_id AS eventId, e.type, s.revision, e.recorded_at AS recordedAt, s.score, s.grade
     FROM score_history s JOIN entity_events e ON e.bin = s.bin AND e.revision = s.revision
     WHERE s.bin = ? AND s.revision >= ? ORDER BY s.revision LIMIT ?`,
  );
  app.get<{ Params: { bin: string }; Querystring: { limit?: string; cursor?: string } }>(
    '/v1/entities/:bin/score-history',
    async (request) => {
      const limit = Number(request.query.limit ?? 100);
      const page = selectHistory.all(request.params.bin, Number(request.query.cursor ?? 0), limit + 1) as {
        revision: number;
      }[];
      const changes = page.slice(0, limit);
      return page.length > limit
        ? { bin: request.params.bin, changes, next: String(changes[limit - 1].revision + 1) }
        : { bin: request.params.bin, changes };
    },
  );
}

app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
