import type { ComplianceEvent } from '#domain';
import type { EventStore, Position, RecordedEvent } from '#event-store';
import { entityStreamId } from './entity-stream.js';
import { inCanonicalOrder } from './canonical-json.js';
import type { EventMetadata, RecordingContext } from './event-metadata.js';
import { GENESIS_HASH, hashEvent } from './hash-chain.js';
import { eventIdFor, KeyedWriteStoredError } from './keyed-event-id.js';
import { complianceUpcasters, type UpcasterRegistry } from './upcasters.js';

/** A stored compliance event, its data in the current schema. */
export interface LoggedEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
  readonly event: ComplianceEvent;
  readonly metadata: EventMetadata;
}

/** An entity's stream as loaded for a decision. */
export interface EntityStream {
  readonly streamId: string;
  /** Revision of the last event, or `no_stream` for an entity never recorded. */
  readonly revision: number | 'no_stream';
  readonly events: readonly LoggedEvent[];
}

/** What a write answers (PRODUCT.md section 7). */
export interface WriteResult {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: Position;
}

/**
 * The entity event log over the `EventStore` port: one stream per BIN, every event in the
 * metadata envelope and hash-chained to its predecessor, read back in the current schema.
 */
export class ComplianceEventLog {
  constructor(
    private readonly store: EventStore,
    private readonly upcasters: UpcasterRegistry = complianceUpcasters(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  async load(bin: string): Promise<EntityStream> {
    const streamId = entityStreamId(bin);
    const events = (await this.store.readStream(streamId)).map((recorded) => this.decode(recorded));
    const last = events.at(-1);
    return { streamId, revision: last ? last.revision : 'no_stream', events };
  }

  /**
   * A stream loaded earlier, brought up to date: only the events appended since are read.
   */
  async refresh(stream: EntityStream): Promise<EntityStream> {
    const fromRevision = stream.revision === 'no_stream' ? 0 : stream.revision + 1;
    const newer = (await this.store.readStream(stream.streamId, { fromRevision })).map((recorded) =>
      this.decode(recorded),
    );
    if (newer.length === 0) return stream;
    return {
      streamId: stream.streamId,
      revision: newer[newer.length - 1].revision,
      events: [...stream.events, ...newer],
    };
  }

  /**
   * The stream's last event only: enough to append after it (bulk loaders that know what
   * they wrote need not read the whole stream back).
   */
  async loadTail(bin: string): Promise<EntityStream> {
    const streamId = entityStreamId(bin);
    const events = (await this.store.readStream(streamId, { direction: 'backwards', maxCount: 1 })).map((recorded) =>
      this.decode(recorded),
    );
    const last = events.at(-1);
    return { streamId, revision: last ? last.revision : 'no_stream', events };
  }

  /**
   * Appends the events after `stream`'s last one, chained to its hash; fails with the port's
   * `WrongExpectedRevisionError` if anything was appended since the stream was loaded. Answers
   * each event's write result and the stream with them, as reading it back would give it (an
   * append of several events answers one position, that of the last, for all of them). Fails
   * with `KeyedWriteStoredError` when an earlier write with the same idempotency key had stored
   * these ids: the stream then holds that write's events, not these.
   */
  async append(
    stream: EntityStream,
    events: readonly ComplianceEvent[],
    context: RecordingContext,
  ): Promise<{ results: WriteResult[]; stream: EntityStream }> {
    const recordedAt = this.now().toISOString();
    const first = stream.revision === 'no_stream' ? 0 : stream.revision + 1;
    let prevHash = stream.events.at(-1)?.metadata.hash ?? GENESIS_HASH;
    // stored with every object's keys in canonical order: the hash here and the transparency
    // tree's leaves write such an event with JSON.stringify (see canonicalJson)
    const toAppend = events.map((event, i) => {
      const eventId = eventIdFor(context, i);
      const data = inCanonicalOrder(event.data);
      const unhashed: Omit<EventMetadata, 'hash'> = inCanonicalOrder({
        schemaVersion: this.upcasters.currentVersion(event.type),
        recordedAt,
        recordedBy: context.recordedBy,
        correlationId: context.correlationId,
        causationId: context.causationId,
        ...(context.idempotency ? { idempotency: context.idempotency } : {}),
        prevHash,
      });
      prevHash = hashEvent({
        streamId: stream.streamId,
        revision: first + i,
        eventId,
        type: event.type,
        data,
        metadata: unhashed,
      });
      return { eventId, type: event.type, data, metadata: inCanonicalOrder({ ...unhashed, hash: prevHash }) };
    });
    const { position, alreadyStored } = await this.store.appendToStream(stream.streamId, toAppend, {
      expectedRevision: stream.revision,
    });
    if (alreadyStored) throw new KeyedWriteStoredError(stream.streamId);
    const appended = toAppend.map(({ eventId, metadata }, i): LoggedEvent => ({
      eventId,
      streamId: stream.streamId,
      revision: first + i,
      position,
      event: events[i],
      metadata,
    }));
    return {
      results: appended.map(({ eventId, streamId, revision }) => ({ eventId, streamId, revision, position })),
      stream: {
        streamId: stream.streamId,
        revision: first + events.length - 1,
        events: [...stream.events, ...appended],
      },
    };
  }

  /** A stored event of an entity stream, its data brought to the current schema. */
  decode(recorded: RecordedEvent): LoggedEvent {
    const metadata = recorded.metadata as EventMetadata;
    const data = this.upcasters.upcast(recorded.type, metadata.schemaVersion, recorded.data);
    return {
      eventId: recorded.eventId,
      streamId: recorded.streamId,
      revision: recorded.revision,
      position: recorded.position,
      event: { type: recorded.type, data } as ComplianceEvent,
      metadata,
    };
  }
}
