import type { ExpectedRevision } from './expected-revision.js';
import type { Position } from './position.js';

/** An event on its way into the store. `data` and `metadata` must be JSON-serialisable. */
export interface EventToAppend {
  /** A UUID chosen by the writer; appending the same ids again is idempotent. */
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
}

/** An event as stored: the appended fields plus where and when the store put it. */
export interface RecordedEvent {
  readonly streamId: string;
  readonly eventId: string;
  readonly type: string;
  /** Zero-based, contiguous place of the event in its stream. */
  readonly revision: number;
  /** Place of the event in the global log of all streams. */
  readonly position: Position;
  readonly data: unknown;
  readonly metadata: unknown;
  /** When the store committed the event (store time, not business time). */
  readonly created: Date;
}

export interface AppendOptions {
  /** Defaults to `any`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event appended: pass it as `expectedRevision` to append next. */
  readonly nextExpectedRevision: number;
  /**
   * Global position of the last event appended, as reads and subscriptions report it: a
   * projection whose checkpoint has reached it has seen the whole append.
   */
  readonly position: Position;
  /**
   * Set when nothing was written because an earlier append stored these very event ids (the
   * idempotent no-op above). The stream holds that earlier append's events, whose data and
   * metadata may differ from this call's when the ids were derived from a name (UUID version 5)
   * rather than drawn afresh: a caller that keeps what it appended must read the stream instead.
   */
  readonly alreadyStored?: true;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Defaults to `forwards`. */
  readonly direction?: ReadDirection;
  /** Inclusive. Defaults to `start` reading forwards and `end` reading backwards. */
  readonly fromRevision?: number | 'start' | 'end';
  /** Defaults to no limit. */
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: read the events after this position. Defaults to the start of the log. */
  readonly after?: Position;
  /** Defaults to {@link DEFAULT_READ_ALL_PAGE}; page through the log with `after`. */
  readonly maxCount?: number;
}

export const DEFAULT_READ_ALL_PAGE = 1000;

export interface SubscribeToAllOptions {
  /** Exclusive: deliver the events after this position (a checkpoint). Defaults to the start. */
  readonly after?: Position;
}

export type SubscriptionMessage =
  | { readonly type: 'event'; readonly event: RecordedEvent }
  /**
   * Sent, in order, once the historical events are delivered and live delivery begins; an
   * adapter may send it again after falling behind and catching up.
   */
  | { readonly type: 'caughtUp'; readonly position: Position | undefined };

/**
 * A catch-up subscription: historical events first, then a `caughtUp` message, then new
 * events as they are appended. Iterate it with `for await`; the consumer's pace is the
 * subscription's pace (the SQLite adapter buffers no more than one page).
 */
export interface AllSubscription extends AsyncIterable<SubscriptionMessage> {
  /** Stops delivery; a pending iteration ends as if the log had ended. */
  unsubscribe(): Promise<void>;
}

/**
 * The event store port. Its operations map one to one onto EventStoreDB's
 * (`appendToStream`, `readStream`, `readAll`, `subscribeToAll`), so every adapter can be
 * held to the same conformance suite.
 */
export interface EventStore {
  /**
   * Appends one or more events to a stream atomically, if the stream is at the expected
   * revision. Re-appending the same event ids at the same expected revision is a no-op
   * that returns the original result.
   *
   * @throws WrongExpectedRevisionError when the stream is not where the caller expected.
   */
  appendToStream(streamId: string, events: readonly EventToAppend[], options?: AppendOptions): Promise<AppendResult>;

  /** Reads a stream in revision order; a stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the global log forwards, in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Position of the last event in the log, `undefined` while the log is empty. */
  headPosition(): Promise<Position | undefined>;

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;

  /** Whether a string is a position of this store (to refuse a client's made-up cursor). */
  isPosition(text: string): text is Position;

  /** Ends every subscription and releases the store; idempotent. */
  close(): Promise<void>;
}
