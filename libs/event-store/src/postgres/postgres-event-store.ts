import pg from 'pg';
import { AppendSignal } from '../append-signal.js';
import {
  DuplicateEventIdError,
  EventStoreClosedError,
  InvalidArgumentError,
  WrongExpectedRevisionError,
} from '../errors.js';
import { eventJson, storedEventId } from '../event-json.js';
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
import type { ExpectedRevision } from '../expected-revision.js';
import { resultOfIdenticalAppend } from '../idempotency.js';
import { decodePosition, encodePosition, isOrdinalPosition } from '../ordinal-position.js';
import { PollingSubscriptions } from '../polling-subscription.js';
import type { Position } from '../position.js';
import { assertValidAppend, assertValidCount, streamRange } from '../validation.js';
import { AppendBatcher, type AppendOutcome, type AppendRequest } from './append-batcher.js';
import { AppendListener } from './append-listener.js';
import { migrate } from './migrate.js';
import { appendChannel, isSchemaName } from './schema.js';

export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database?...`, as libpq and `pg` read it. */
  readonly connectionString: string;
  /** The schema holding the log (created if missing); `public` by default. */
  readonly schema?: string;
  /** Connections in the pool; appends and reads share them. */
  readonly poolSize?: number;
  /** How often an idle subscription reads anyway, in case a notification was missed. */
  readonly pollIntervalMs?: number;
}

type EventRow = [
  position: Position,
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  data: unknown,
  metadata: unknown,
  created: Date,
];

const SUBSCRIPTION_PAGE = 512;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The event store on a PostgreSQL server, for deployments that already run one (with its
 * streaming replicas and backups). The appends a process makes at once run as one call of a
 * function on the server (AppendBatcher): one round trip and one commit, which holds the
 * schema's append lock for the length of its transaction, so positions follow commit order
 * with no gap (schema.ts says why that matters). Subscriptions page through the log and are woken by
 * LISTEN/NOTIFY, with a poll timer in case a notification is missed.
 */
export class PostgresEventStore implements EventStore {
  private readonly subscriptions: PollingSubscriptions;
  private readonly appends: AppendBatcher;
  private readonly sql: ReturnType<typeof statements>;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly listener: AppendListener,
    private readonly appended: AppendSignal,
    schema: string,
    pollIntervalMs: number,
  ) {
    this.sql = statements(schema);
    this.appends = new AppendBatcher((requests) => this.commitGroup(requests));
    this.subscriptions = new PollingSubscriptions({
      readPage: (after, maxCount) => {
        this.assertOpen();
        return this.readPage(after, maxCount);
      },
      appended: this.appended,
      pollIntervalMs,
      pageSize: SUBSCRIPTION_PAGE,
    });
  }

  /** Connects, creates or migrates the schema, and listens; fails with the reason if the server does not answer within 10 s. */
  static async connect(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    if (!isSchemaName(schema)) {
      throw new InvalidArgumentError(
        `"${schema}" is not a schema name this store uses (lower-case letters, digits, _)`,
      );
    }
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // an idle connection the server closed is dropped by the pool; the next query opens another
    pool.on('error', () => undefined);
    const appended = new AppendSignal();
    let listener: AppendListener | undefined;
    try {
      await migrate(pool, schema);
      listener = await AppendListener.start(options.connectionString, appendChannel(schema), appended);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(
        `PostgreSQL at ${withoutPassword(options.connectionString)} cannot be used as the event store: ${(error as Error).message}`,
        { cause: error },
      );
    }
    return new PostgresEventStore(pool, listener, appended, schema, options.pollIntervalMs ?? 500);
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertValidAppend(streamId, events, expected);
    this.assertOpen();
    const { actual, lastRevision, lastPosition, duplicate } = await this.appends.submit({
      streamId,
      expected: String(expected),
      ids: events.map((event) => storedEventId(event.eventId)),
      types: events.map((event) => event.type),
      data: events.map((event) => eventJson(event.data, event.eventId)),
      metadata: events.map((event) => (event.metadata === undefined ? null : eventJson(event.metadata, event.eventId))),
    });
    if (duplicate) {
      const original = await this.resultOfEarlierIdenticalAppend(streamId, events, expected);
      if (original) return original;
      throw new DuplicateEventIdError((await this.firstStoredEventId(events)) ?? events[0].eventId, streamId);
    }
    if (lastPosition === null || lastRevision === null) {
      const original = await this.resultOfEarlierIdenticalAppend(streamId, events, expected);
      if (original) return original;
      throw new WrongExpectedRevisionError(streamId, expected, actual ?? 'no_stream');
    }
    this.appended.notify();
    return { nextExpectedRevision: lastRevision, position: encodePosition(Number(lastPosition)) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const range = streamRange(options);
    this.assertOpen();
    if (range === undefined) return [];
    const statement = range.backwards ? this.sql.streamBackwards : this.sql.streamForwards;
    // LIMIT NULL: no limit
    const rows = await this.rows<EventRow>(statement, [streamId, range.fromRevision, range.maxCount ?? null]);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidCount('maxCount', options.maxCount);
    this.assertOpen();
    return this.readPage(options.after, options.maxCount ?? DEFAULT_READ_ALL_PAGE);
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    const [[head]] = await this.rows<[string]>(this.sql.head, []);
    return head === '0' ? undefined : encodePosition(Number(head));
  }

  isPosition(text: string): text is Position {
    return isOrdinalPosition(text);
  }

  /** Whether other processes' appends wake subscriptions now, or only the poll timer does (not part of the port). */
  get listening(): boolean {
    return this.listener.listening;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    decodePosition(options.after); // reject a foreign position now, not on first read
    this.assertOpen();
    return this.subscriptions.subscribe(options.after);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.appends.drain(); // what was submitted before close is answered, not dropped
    this.subscriptions.endAll();
    await this.listener.close();
    await this.pool.end();
  }

  /** A group of appends in one call of the server's function: one transaction, one commit. */
  private async commitGroup(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const rows = await this.rows<[number | null, number | null, string | null, boolean]>(this.sql.appendBatch, [
      requests.map((r) => r.streamId),
      requests.map((r) => r.expected),
      requests.map((r) => r.ids.length),
      requests.flatMap((r) => r.ids),
      requests.flatMap((r) => r.types),
      requests.flatMap((r) => r.data),
      requests.flatMap((r) => r.metadata),
    ]);
    return rows.map(([actual, lastRevision, lastPosition, duplicate]) => ({
      actual,
      lastRevision,
      lastPosition,
      duplicate,
    }));
  }

  private async readPage(after: Position | undefined, maxCount: number): Promise<RecordedEvent[]> {
    return (await this.rows<EventRow>(this.sql.all, [decodePosition(after), maxCount])).map(toRecordedEvent);
  }

  /** The result of an earlier append of exactly this batch, if there was one (idempotency). */
  private async resultOfEarlierIdenticalAppend(
    streamId: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    const [first] = await this.rows<[string, number]>(this.sql.byEventId, [storedEventId(events[0].eventId)]);
    if (first === undefined || first[0] !== streamId) return undefined;
    const stored = await this.rows<EventRow>(this.sql.streamForwards, [streamId, first[1], events.length]);
    return resultOfIdenticalAppend(
      events,
      expected,
      stored.map((row) => ({ eventId: row[1], revision: row[3], position: row[0] })),
    );
  }

  private async firstStoredEventId(events: readonly EventToAppend[]): Promise<string | undefined> {
    const stored = await this.rows<[string]>(this.sql.storedIds, [events.map((e) => storedEventId(e.eventId))]);
    const ids = new Set(stored.map(([id]) => id));
    return events.find((event) => ids.has(storedEventId(event.eventId)))?.eventId;
  }

  /** One statement's rows, as arrays. */
  private async rows<Row>(statement: { name?: string; text: string }, values: unknown[]): Promise<Row[]> {
    const result = await this.pool.query({ ...statement, values, rowMode: 'array' });
    return result.rows as Row[];
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

/**
 * The store's statements on its schema; positions are read as the port's fixed-width text. The
 * reads are unnamed statements, planned with their parameters at every call: a named one's
 * generic plan, cached while the log held a few rows (a sequential scan), would stay until the
 * next ANALYZE and scan the whole log every time. The append is prepared once per connection
 * (its function plans its own statements afresh).
 */
function statements(schema: string) {
  const events = `"${schema}".events`;
  const columns = `lpad(position::text, 20, '0'), event_id, stream_id, revision, type, data, metadata, created`;
  const statement = (text: string) => ({ text });
  return {
    appendBatch: {
      name: 'event_store_append_batch',
      text: `SELECT actual, last_revision, last_position, duplicate FROM "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7)`,
    },
    head: statement(`SELECT coalesce(max(position), 0)::text FROM ${events}`),
    byEventId: statement(`SELECT stream_id, revision FROM ${events} WHERE event_id = $1`),
    storedIds: statement(`SELECT event_id FROM ${events} WHERE event_id = ANY($1::uuid[])`),
    streamForwards: statement(
      `SELECT ${columns} FROM ${events} WHERE stream_id = $1 AND revision >= $2::bigint ORDER BY revision LIMIT $3`,
    ),
    streamBackwards: statement(
      `SELECT ${columns} FROM ${events} WHERE stream_id = $1 AND revision <= $2::bigint ORDER BY revision DESC LIMIT $3`,
    ),
    all: statement(`SELECT ${columns} FROM ${events} WHERE position > $1 ORDER BY position LIMIT $2`),
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row[2],
    eventId: row[1],
    type: row[4],
    revision: row[3],
    position: row[0],
    data: row[5],
    metadata: row[6] === null ? undefined : row[6],
    created: row[7],
  };
}

/** The connection string as it may be shown: without its password. */
function withoutPassword(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return '(a connection string that is not a URL)';
  }
}
