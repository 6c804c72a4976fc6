/**
 * The write baseline: a bare Fastify endpoint doing what one write command does at minimum
 * (parse the JSON body, insert one event row with a uuid in one SQLite transaction, answer
 * 201), with none of the framework, validation, decision, hashing or idempotency. Started as
 * its own process by the write benchmark: PORT and DATA_DIR from the environment.
 */
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteEventStore } from '#event-store/sqlite';

const file = join(process.env.DATA_DIR ?? '.', 'baseline.db');
void SqliteEventStore.open({ filename: file }).close(); // the same schema as the engine's
const db = new DatabaseSync(file);
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL');
const insert = db.prepare(
  'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const revisions = new Map<string, number>();

const app = Fastify({ bodyLimit: 1024 * 1024 });
app.post<{ Params: { bin: string }; Body: unknown }>('/v1/entities/:bin/trainings', async (request, reply) => {
  const streamId = `entity-${request.params.bin}`;
  const revision = (revisions.get(streamId) ?? -1) + 1;
  revisions.set(streamId, revision);
  const eventId = randomUUID();
  db.exec('BEGIN IMMEDIATE');
  const { lastInsertRowid } = insert.run(
    eventId,
    streamId,
    revision,
    'AntiCorruptionTrainingCompleted',
    JSON.stringify(request.body),
    '{}',
    Date.now(),
  );
  db.exec('COMMIT');
  return reply.code(201).send({ eventId, streamId, revision, position: String(lastInsertRowid) });
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
