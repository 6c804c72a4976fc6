import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  START,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
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
import { EventStoreClosedError } from '../errors.js';
import type { Position } from '../position.js';
import { assertValidAppend, assertValidCount } from '../validation.js';
import {
  decodeEsdbPosition,
  encodeEsdbPosition,
  isEsdbPosition,
  isStreamNotFound,
  isSystemEvent,
  toEsdbExpectedRevision,
  toPortError,
} from './esdb-mapping.js';
import { esdbSubscription } from './esdb-subscription.js';

/**
 * The production event store: EventStoreDB (single node or cluster) through
 * `@eventstore/db-client`. Every operation maps onto the client's own; see docs/EVENT-STORE.md
 * for the differences the port hides (exclusive `after`, missing streams, system events).
 */
export class EventStoreDbEventStore implements EventStore {
  private closed = false;
  private readonly subscriptions = new Set<AllSubscription>();

  private constructor(private readonly client: EventStoreDBClient) {}

  /** Connects and checks the server answers within `timeoutMs`; fails with the reason otherwise. */
  static async connect(connectionString: string, timeoutMs = 10_000): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    const store = new EventStoreDbEventStore(client);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        store.headPosition(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      await client.dispose().catch(() => undefined);
      throw new Error(`EventStoreDB at ${connectionString} cannot be reached: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return store;
  }

  async appendToStream(
    streamId: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const expected = options.expectedRevision ?? 'any';
    assertValidAppend(streamId, events, expected);
    this.assertOpen();
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((e) =>
          jsonEvent({
            id: e.eventId.toLowerCase(),
            type: e.type,
            data: e.data as never,
            metadata: e.metadata as never,
          }),
        ),
        { expectedRevision: toEsdbExpectedRevision(expected) },
      );
      // answer the position reads report for this append's last event (what minPosition is
      // compared with): read exactly that revision back, from the leader. EventStoreDB answers a
      // repeat of stored ids as a success without saying so; what was read back tells.
      let position: Position | undefined;
      let alreadyStored = false;
      const last = events[events.length - 1];
      for await (const resolved of this.client.readStream(streamId, {
        fromRevision: result.nextExpectedRevision,
        maxCount: 1n,
        requiresLeader: true,
      })) {
        if (resolved.event?.position) position = encodeEsdbPosition(resolved.event.position);
        alreadyStored =
          JSON.stringify(resolved.event?.data) !== JSON.stringify(last.data) ||
          (last.metadata !== undefined && JSON.stringify(resolved.event?.metadata) !== JSON.stringify(last.metadata));
      }
      if (position === undefined) throw new Error(`The event just appended to ${streamId} could not be read back`);
      return {
        nextExpectedRevision: Number(result.nextExpectedRevision),
        position,
        ...(alreadyStored ? { alreadyStored: true as const } : {}),
      };
    } catch (error) {
      throw toPortError(error, streamId, expected);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidCount('maxCount', options.maxCount);
    this.assertOpen();
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision;
    const fromRevision =
      from === undefined ? (backwards ? END : START) : from === 'start' ? START : from === 'end' ? END : BigInt(from);
    if (!backwards && from === 'end') return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision,
        ...(options.maxCount === undefined ? {} : { maxCount: BigInt(options.maxCount) }),
      })) {
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidCount('maxCount', options.maxCount);
    this.assertOpen();
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_PAGE;
    if (maxCount === 0) return [];
    const events: RecordedEvent[] = [];
    // EventStoreDB reads from a position inclusively, the port after it; system events are
    // skipped, so keep reading until the page is full or the log ends
    let cursor = options.after;
    for (;;) {
      const from: ReadPosition = cursor === undefined ? START : decodeEsdbPosition(cursor);
      let seen = 0;
      for await (const resolved of this.client.readAll({ fromPosition: from, maxCount: BigInt(maxCount + 1) })) {
        seen++;
        const position = resolved.event?.position && encodeEsdbPosition(resolved.event.position);
        if (!position || (cursor !== undefined && position <= cursor)) continue;
        cursor = position;
        const event = toRecordedEvent(resolved);
        if (event) events.push(event);
        if (events.length === maxCount) return events;
      }
      if (seen < maxCount + 1) return events;
    }
  }

  async headPosition(): Promise<Position | undefined> {
    this.assertOpen();
    // the newest events may all be the server's own: page backwards past them
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: 100n })) {
        seen++;
        const event = toRecordedEvent(resolved);
        if (event) return event.position;
        if (resolved.event?.position) from = resolved.event.position;
      }
      if (seen < 100) return undefined;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    if (options.after !== undefined) decodeEsdbPosition(options.after);
    this.assertOpen();
    const subscription = esdbSubscription(
      this.client,
      options.after,
      (resolved) => toRecordedEvent(resolved as ResolvedEvent),
      (ended) => this.subscriptions.delete(ended),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  isPosition(text: string): text is Position {
    return isEsdbPosition(text);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // disposing the client cancels the streams, but the client's subscriptions swallow that:
    // end ours first, so no `for await` is left hanging
    await Promise.all([...this.subscriptions].map((subscription) => subscription.unsubscribe()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreClosedError();
  }
}

function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.position || isSystemEvent(event)) return undefined;
  return {
    streamId: event.streamId,
    eventId: event.id,
    type: event.type,
    revision: Number(event.revision),
    position: encodeEsdbPosition(event.position),
    data: event.data,
    metadata: event.metadata,
    created: event.created,
  };
}
