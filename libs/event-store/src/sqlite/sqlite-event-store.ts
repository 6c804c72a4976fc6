import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { AppendSignal } from '../append-signal.js';
import { DuplicateEventIdError, EventStoreClosedError, WrongExpectedRevisionError } from '../errors.js';
import {
  DEFAULT_READ_ALL_PAGE,
  type AllSubscription,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '../event-store.port.js';
import { satisfiesExpectedRevision, type ActualRevision, type ExpectedRevision } from '../expected-revision.js';
import { pollingSubscription } from '../polling-subscription.js';
import type { Position } from '../position.js';
import { assertValidAppend, assertValidCount } from '../validation.js';
import { MIGRATIONS } from './schema.js';
import { decodePosition, encodePosition } from './sqlite-position.js';

/**
 * `normal` (the default): a commit is written to the WAL before the append resolves, so it
 * survives kill -9 of the process; a power cut or OS crash may lose the last commits but
 * never corrupts the file. `full`: the WAL is also fsynced on every commit, so commits
 * survive a power cut too, at roughly a fifth of the single-append throughput.
 */
export type SqliteSynchronous = 'normal' | 'full';

export interface SqliteEventStoreOptions {
  /** Path of the database file (its folder is created), or `:memory:`. */
  readonly filename: string;
  readonly synchronous?: SqliteSynchronous;
  /** How often an idle subscription looks for events appended by other processes. */
  readonly pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock before failing. */
  readonly busyTimeoutMs?: number;
}

type EventRow = [
  position: number,
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string | null,
  created: number,
];

const COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, created';
const NO_LIMIT = -1;
const SUBSCRIPTION_PAGE = 512;

/**
 * The embedded event store: one SQLite file in WAL mode through Node's built-in
 * `node:sqlite`. Every write runs synchronously inside one `BEGIN IMMEDIATE` transaction,
 * so there is exactly one writer per process and SQLite's lock serialises processes.
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new AppendSignal();
  private readonly subscriptions = new Set<AbortController>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private closed = false;

  private constructor(
    private readonly db: DatabaseSync,
    private readonly pollIntervalMs: number,
  ) {
    this.statements = prepareStatements(db);
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    if (options.filename !== ':memory:') mkdirSync(dirname(options.filename), { recursive: true });
    const db = new DatabaseSync(options.filename);
    try {
      db.exec(`PRAGMA busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec(`PRAGMA synchronous = ${(options.synchronous ?? 'normal').toUpperCase()}`);
      db.exec('PRAGMA cache_size = -65536');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteEventStore(db, options.pollIntervalMs ?? 50);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertValidAppend(streamId, events, expected);
    this.assertOpen();
    const result = this.inWriteTransaction(() => this.append(streamId, events, expected));
    this.appended.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidCount('maxCount', options.maxCount);
    if (typeof options.fromRevision === 'number') assertValidCount('fromRevision', options.fromRevision);
    this.assertOpen();
    const limit = options.maxCount ?? NO_LIMIT;
    const from = options.fromRevision;
    if (options.direction === 'backwards') {
      const revision = from === undefined || from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : from;
      return this.statements.streamBackwards.all(streamId, revision, limit).map(toRecordedEvent);
    }
    const revision = from === undefined || from === 'start' ? 0 : from === 'end' ? this.nextRevision(streamId) : from;
    return this.statements.streamForwards.all(streamId, revision, limit).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidCount('maxCount', options.maxCount);
    this.assertOpen();
    return this.readPage(options.after, options.maxCount ?? DEFAULT_READ_ALL_PAGE);
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const [head] = this.statements.head.get() as unknown as [number | null];
    return head === null ? undefined : encodePosition(head);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    decodePosition(options.after); // reject a foreign position now, not on first read
    this.assertOpen();
    const subscription = pollingSubscription(
      {
        readPage: (after, maxCount) => {
          this.assertOpen();
          return this.readPage(after, maxCount);
        },
        appended: this.appended,
        pollIntervalMs: this.pollIntervalMs,
        pageSize: SUBSCRIPTION_PAGE,
      },
      options.after,
      (abort) => this.subscriptions.delete(abort),
    );
    this.subscriptions.add(subscription.abort);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const abort of this.subscriptions) abort.abort();
    this.subscriptions.clear();
    this.db.close();
  }

  private append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
    const repeated = this.statements.byEventId.get(events[0].eventId) as unknown as [string, number] | undefined;
    if (repeated) return this.resultOfRepeatedAppend(streamId, events, expected, repeated);

    const actual = this.actualRevision(streamId);
    if (!satisfiesExpectedRevision(expected, actual)) {
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const created = Date.now();
    let revision = actual === 'no_stream' ? 0 : actual + 1;
    let position = 0;
    for (const event of events) {
      try {
        position = Number(
          this.statements.insert.run(
            event.eventId,
            streamId,
            revision,
            event.type,
            JSON.stringify(event.data),
            event.metadata === undefined ? null : JSON.stringify(event.metadata),
            created,
          ).lastInsertRowid,
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new DuplicateEventIdError(event.eventId, streamId);
        throw error;
      }
      revision++;
    }
    return { nextExpectedRevision: revision - 1, position: encodePosition(position) };
  }

  /**
   * The first event id is already stored: if the whole batch was stored by an earlier append
   * at the same expected revision, answer what that append answered, and write nothing.
   */
  private resultOfRepeatedAppend(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
    [storedStreamId, firstRevision]: [string, number],
  ): AppendResult {
    if (storedStreamId !== streamId) throw new DuplicateEventIdError(events[0].eventId, streamId);
    const stored = this.statements.streamForwards.all(streamId, firstRevision, events.length) as unknown as EventRow[];
    const sameBatch = stored.length === events.length && stored.every((row, i) => row[1] === events[i].eventId);
    if (!sameBatch) throw new DuplicateEventIdError(events[0].eventId, streamId);
    const before: ActualRevision = firstRevision === 0 ? 'no_stream' : firstRevision - 1;
    if (!satisfiesExpectedRevision(expected, before)) {
      throw new WrongExpectedRevisionError(streamId, expected, this.actualRevision(streamId));
    }
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last[3], position: encodePosition(last[0]) };
  }

  private readPage(after: Position | undefined, maxCount: number): RecordedEvent[] {
    return this.statements.all.all(decodePosition(after), maxCount).map(toRecordedEvent);
  }

  private actualRevision(streamId: string): ActualRevision {
    const row = this.statements.lastRevision.get(streamId) as unknown as [number] | undefined;
    return row === undefined ? 'no_stream' : row[0];
  }

  private nextRevision(streamId: string): number {
    const actual = this.actualRevision(streamId);
    return actual === 'no_stream' ? 0 : actual + 1;
  }

  private inWriteTransaction<T>(work: () => T): T {
    this.statements.begin.run();
    try {
      const result = work();
      this.statements.commit.run();
      return result;
    } catch (error) {
      this.statements.rollback.run();
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function prepareStatements(db: DatabaseSync) {
  const rows = (sql: string): StatementSync => {
    const statement = db.prepare(sql);
    statement.setReturnArrays(true);
    return statement;
  };
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    insert: db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    byEventId: rows('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    lastRevision: rows('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
    head: rows('SELECT max(position) FROM events'),
    streamForwards: rows(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    streamBackwards: rows(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    all: rows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
  };
}

function migrate(db: DatabaseSync): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    MIGRATIONS.slice(version).forEach((step) => db.exec(step));
    db.exec(`PRAGMA user_version = ${MIGRATIONS.length}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

function toRecordedEvent(row: unknown): RecordedEvent {
  const [position, eventId, streamId, revision, type, data, metadata, created] = row as EventRow;
  return {
    streamId,
    eventId,
    type,
    revision,
    position: encodePosition(position),
    data: JSON.parse(data),
    metadata: metadata === null ? undefined : JSON.parse(metadata),
    created: new Date(created),
  };
}

const SQLITE_CONSTRAINT_UNIQUE = 2067;

function isUniqueViolation(error: unknown): boolean {
  // not `instanceof Error`: node:sqlite errors may come from another realm (vm contexts)
  return (error as { errcode?: unknown } | null)?.errcode === SQLITE_CONSTRAINT_UNIQUE;
}
