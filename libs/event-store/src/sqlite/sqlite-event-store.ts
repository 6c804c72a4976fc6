import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { GroupCommit, MultiRowInsert, openDatabase } from '#sqlite';
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
import { eventJson, storedEventId } from '../event-json.js';
import { satisfiesExpectedRevision, type ActualRevision, type ExpectedRevision } from '../expected-revision.js';
import { resultOfIdenticalAppend } from '../idempotency.js';
import { decodePosition, encodePosition, isOrdinalPosition } from '../ordinal-position.js';
import { PollingSubscriptions } from '../polling-subscription.js';
import type { Position } from '../position.js';
import { assertValidAppend, assertValidCount, streamRange } from '../validation.js';
import { MIGRATIONS } from './schema.js';

/**
 * `normal` (the default): a commit is written to the WAL before the append resolves, so it
 * survives kill -9 of the process; a power cut or OS crash may lose the last commits but
 * never corrupts the file. `full`: the WAL is also fsynced on every commit, so commits
 * survive a power cut too, at roughly 30% of the single-append throughput (docs/EVENT-STORE.md).
 */
export type SqliteSynchronous = 'normal' | 'full';

export interface SqliteEventStoreOptions {
  /** Path of the database file (its folder is created), or `:memory:`. */
  readonly filename: string;
  readonly synchronous?: SqliteSynchronous;
  /** How often an idle subscription looks for events appended by other processes. */
  readonly pollIntervalMs?: number;
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
 * `node:sqlite`. Appends are committed synchronously in `BEGIN IMMEDIATE` transactions, those
 * of one turn of the event loop together (GroupCommit), so there is exactly one writer per
 * process and SQLite's lock serialises processes.
 */
export class SqliteEventStore implements EventStore {
  private readonly appended = new AppendSignal();
  private readonly subscriptions: PollingSubscriptions;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly inserts: MultiRowInsert;
  private readonly appends: GroupCommit;
  private closed = false;

  private constructor(
    private readonly db: DatabaseSync,
    pollIntervalMs: number,
  ) {
    this.statements = prepareStatements(db);
    this.subscriptions = new PollingSubscriptions({
      readPage: (after, maxCount) => {
        this.assertOpen();
        return this.readPage(after, maxCount);
      },
      appended: this.appended,
      pollIntervalMs,
      pageSize: SUBSCRIPTION_PAGE,
    });
    this.inserts = new MultiRowInsert(db, 'events (event_id, stream_id, revision, type, data, metadata, created)', 7);
    this.appends = new GroupCommit(db, () => this.appended.notify());
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openDatabase(options.filename, {
      // 8 KiB pages write batches ~25% faster than 4 KiB and single appends ~20% slower,
      // which keeps both well past their targets
      pageSize: 8192,
      synchronous: options.synchronous,
      migrations: MIGRATIONS,
    });
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
    return this.appends.submit(() => this.append(streamId, events, expected));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const range = streamRange(options);
    this.assertOpen();
    if (range === undefined) return [];
    const statement = range.backwards ? this.statements.streamBackwards : this.statements.streamForwards;
    return statement.all(streamId, range.fromRevision, range.maxCount ?? NO_LIMIT).map(toRecordedEvent);
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

  isPosition(text: string): text is Position {
    return isOrdinalPosition(text);
  }

  /** How many events the log holds: for progress reports (not part of the port). */
  countEvents(): number {
    this.assertOpen();
    const [count] = this.statements.count.get() as unknown as [number];
    return count;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    decodePosition(options.after); // reject a foreign position now, not on first read
    this.assertOpen();
    return this.subscriptions.subscribe(options.after);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.appends.commit();
    this.closed = true;
    this.subscriptions.endAll();
    this.db.close();
  }

  private append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): AppendResult {
    const actual = this.actualRevision(streamId);
    if (!satisfiesExpectedRevision(expected, actual)) {
      const original = this.resultOfEarlierIdenticalAppend(streamId, events, expected);
      if (original) return original;
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    const created = Date.now();
    const firstRevision = actual === 'no_stream' ? 0 : actual + 1;
    let position = 0;
    for (let start = 0; start < events.length; start += MultiRowInsert.MAX_ROWS) {
      const chunk = events.slice(start, start + MultiRowInsert.MAX_ROWS);
      const values: SQLInputValue[] = [];
      chunk.forEach((event, i) => {
        values.push(
          storedEventId(event.eventId),
          streamId,
          firstRevision + start + i,
          event.type,
          eventJson(event.data, event.eventId),
          event.metadata === undefined ? null : eventJson(event.metadata, event.eventId),
          created,
        );
      });
      try {
        position = Number(this.inserts.statement(chunk.length).run(...values).lastInsertRowid);
      } catch (error) {
        if (!isDuplicateEventId(error)) throw error;
        // a failed statement inserts nothing; earlier chunks roll back with the transaction
        const original = start === 0 ? this.resultOfEarlierIdenticalAppend(streamId, events, expected) : undefined;
        if (original) return original;
        throw new DuplicateEventIdError(this.firstStoredEventId(chunk) ?? chunk[0].eventId, streamId);
      }
    }
    return { nextExpectedRevision: firstRevision + events.length - 1, position: encodePosition(position) };
  }

  private firstStoredEventId(events: readonly EventToAppend[]): string | undefined {
    return events.find((event) => this.statements.byEventId.get(storedEventId(event.eventId)) !== undefined)?.eventId;
  }

  /** The result of an earlier append of exactly this batch, if there was one (idempotency). */
  private resultOfEarlierIdenticalAppend(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): AppendResult | undefined {
    const first = this.statements.byEventId.get(storedEventId(events[0].eventId)) as unknown as
      [string, number] | undefined;
    if (first === undefined || first[0] !== streamId) return undefined;
    const stored = this.statements.streamForwards.all(streamId, first[1], events.length) as unknown as EventRow[];
    return resultOfIdenticalAppend(
      events,
      expected,
      stored.map((row) => ({ eventId: row[1], revision: row[3], position: encodePosition(row[0]) })),
    );
  }

  private readPage(after: Position | undefined, maxCount: number): RecordedEvent[] {
    return this.statements.all.all(decodePosition(after), maxCount).map(toRecordedEvent);
  }

  private actualRevision(streamId: string): ActualRevision {
    const row = this.statements.lastRevision.get(streamId) as unknown as [number] | undefined;
    return row === undefined ? 'no_stream' : row[0];
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
    byEventId: rows('SELECT stream_id, revision FROM events WHERE event_id = ?'),
    lastRevision: rows('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1'),
    head: rows('SELECT max(position) FROM events'),
    count: rows('SELECT count(*) FROM events'),
    streamForwards: rows(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    streamBackwards: rows(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    all: rows(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
  };
}

function toRecordedEvent(value: unknown): RecordedEvent {
  const row = value as EventRow; // indexed, not destructured: this runs for every event read
  return {
    streamId: row[2],
    eventId: row[1],
    type: row[4],
    revision: row[3],
    position: encodePosition(row[0]),
    data: JSON.parse(row[5]),
    metadata: row[6] === null ? undefined : JSON.parse(row[6]),
    created: new Date(row[7]),
  };
}

const SQLITE_CONSTRAINT_UNIQUE = 2067;

function isDuplicateEventId(error: unknown): boolean {
  // duck-typed, not `instanceof Error`: node:sqlite errors may come from another realm
  const { errcode, message } = (error ?? {}) as { errcode?: unknown; message?: unknown };
  return errcode === SQLITE_CONSTRAINT_UNIQUE && typeof message === 'string' && message.includes('events.event_id');
}
