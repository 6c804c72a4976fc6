import { LRUCache } from 'lru-cache';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { replay, type ComplianceEvent, type EntityRecord } from '#domain';
import type { Position } from '#event-store';
import { MultiRowInsert } from '#sqlite';
import type { EntityEvent } from './entity-event.js';

/** An entity as the read side knows it: its events (in the current schema) and the record they fold into. */
export interface EntityHistory {
  readonly bin: string;
  readonly revision: number;
  readonly lastPosition: Position;
  readonly lastHash: string;
  readonly events: readonly EntityEvent[];
  readonly record: EntityRecord;
}

export const ENTITY_RECORDS_SCHEMA = `
  CREATE TABLE entities (
    bin           TEXT PRIMARY KEY,
    revision      INTEGER NOT NULL,
    last_position TEXT    NOT NULL,
    last_hash     TEXT    NOT NULL
  ) STRICT;
  -- clustered on its key (WITHOUT ROWID): one b-tree write per row instead of two
  CREATE TABLE entity_events (
    bin         TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    position    TEXT    NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    PRIMARY KEY (bin, revision)
  ) STRICT, WITHOUT ROWID;`;

/** Events kept parsed in memory, for scores, profiles and ratings (about 50 MB at most). */
const CACHED_EVENTS = 100_000;

export interface EntityRecordsOptions {
  /** How many events memory keeps parsed, with the records they fold into. */
  readonly cachedEvents?: number;
  /** Told of each entity that leaves memory to make room, with its history as it was kept. */
  readonly onEvicted?: (entity: EntityHistory) => void;
}

/**
 * Every entity's events, as the read side keeps them: enough to compute any register view,
 * profile or score at any instant without the event store. The register's hot path does not
 * need it (it serves stored views); the entities recently used are kept parsed and folded.
 */
export class EntityRecordsModel {
  private readonly insertEvents: MultiRowInsert;
  private readonly upsertEntity: StatementSync;
  private readonly selectEntity: StatementSync;
  private readonly selectEvents: StatementSync;
  /** Bounded by events, not entities, so memory stays flat however long the histories. */
  private readonly cache: LRUCache<string, EntityHistory>;

  constructor(db: DatabaseSync, { cachedEvents = CACHED_EVENTS, onEvicted }: EntityRecordsOptions = {}) {
    this.cache = new LRUCache<string, EntityHistory>({
      maxSize: cachedEvents,
      sizeCalculation: (entity) => Math.max(1, entity.events.length),
      dispose: (entity, _bin, reason) => {
        if (reason === 'evict') onEvicted?.(entity);
      },
    });
    this.insertEvents = new MultiRowInsert(
      db,
      'entity_events (bin, revision, position, event_id, type, recorded_at, data)',
      7,
    );
    this.upsertEntity = db.prepare(
      `INSERT INTO entities (bin, revision, last_position, last_hash) VALUES (?, ?, ?, ?)
       ON CONFLICT (bin) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position,
         last_hash = excluded.last_hash`,
    );
    this.selectEntity = db.prepare('SELECT revision, last_position, last_hash FROM entities WHERE bin = ?');
    this.selectEvents = db.prepare(
      'SELECT revision, position, event_id, type, recorded_at, data FROM entity_events WHERE bin = ? AND revision < ? ORDER BY revision',
    );
  }

  /** Where the entity's stream stood when last applied: its revision and last hash. */
  last(bin: string): { revision: number; hash: string } | undefined {
    const cached = this.cache.peek(bin);
    if (cached) return { revision: cached.revision, hash: cached.lastHash };
    const row = this.selectEntity.get(bin) as { revision: number; last_hash: string } | undefined;
    return row && { revision: row.revision, hash: row.last_hash };
  }

  /**
   * Keeps the events (already admitted, in log order, inside the projection's transaction) and
   * moves each entity touched to its last event once.
   */
  store(events: readonly EntityEvent[], lastHashes: ReadonlyMap<string, string>): void {
    this.insertEvents.run(
      events.map((e) => [
        e.bin,
        e.revision,
        e.position,
        e.eventId,
        e.event.type,
        e.recordedAt,
        JSON.stringify(e.event.data),
      ]),
    );
    for (const [bin, added] of groupByEntity(events)) {
      const last = added[added.length - 1];
      const lastHash = lastHashes.get(bin) ?? '';
      this.upsertEntity.run(bin, last.revision, last.position, lastHash);
      this.keepInMemory(bin, added, lastHash);
    }
  }

  /**
   * The entity's events and record, or `undefined` for an entity never applied; kept in memory
   * for the next use, unless `keep` is false (a sweep over every entity would only churn it).
   */
  load(bin: string, { keep = true }: { keep?: boolean } = {}): EntityHistory | undefined {
    const cached = this.cache.get(bin);
    if (cached) return cached;
    const loaded = this.read(bin);
    if (loaded && keep) this.cache.set(bin, loaded);
    return loaded;
  }

  /** The entity's events before `revision`, read from the file (for state rebuilt mid-batch). */
  eventsBefore(bin: string, revision: number): EntityEvent[] {
    const rows = this.selectEvents.all(bin, revision) as {
      revision: number;
      position: string;
      event_id: string;
      type: string;
      recorded_at: string;
      data: string;
    }[];
    return rows.map((row) => ({
      bin,
      revision: row.revision,
      position: row.position as Position,
      eventId: row.event_id,
      recordedAt: row.recorded_at,
      event: { type: row.type, data: JSON.parse(row.data) } as ComplianceEvent,
    }));
  }

  /** Forgets every entity kept in memory: after a transaction that changed them was rolled back. */
  forgetCached(): void {
    this.cache.clear();
  }

  private read(bin: string): EntityHistory | undefined {
    const entity = this.selectEntity.get(bin) as
      { revision: number; last_position: string; last_hash: string } | undefined;
    if (!entity) return undefined;
    const events = this.eventsBefore(bin, Number.MAX_SAFE_INTEGER);
    return {
      bin,
      revision: entity.revision,
      lastPosition: entity.last_position as Position,
      lastHash: entity.last_hash,
      events,
      record: replay(events),
    };
  }

  /** Whether the entity's history is in memory now. */
  isKept(bin: string): boolean {
    return this.cache.has(bin);
  }

  /**
   * A cached entity gets its new events as they are applied, rather than being read and folded
   * again; so does a new entity, whose whole history they are (its next reader, a rating or the
   * lifetime-ban index, would otherwise read back what was just written).
   */
  private keepInMemory(bin: string, added: readonly EntityEvent[], lastHash: string): void {
    const cached = this.cache.peek(bin);
    if (cached === undefined && added[0].revision !== 0) return;
    const last = added[added.length - 1];
    this.cache.set(bin, {
      bin,
      revision: last.revision,
      lastPosition: last.position,
      lastHash,
      events: cached === undefined ? added : [...cached.events, ...added],
      record: replay(added, cached?.record),
    });
  }
}

/** The events of each entity, in order, entities in order of first appearance. */
export function groupByEntity<Event extends { readonly bin: string }>(events: readonly Event[]): Map<string, Event[]> {
  const grouped = new Map<string, Event[]>();
  for (const event of events) {
    const ofEntity = grouped.get(event.bin);
    if (ofEntity === undefined) grouped.set(event.bin, [event]);
    else ofEntity.push(event);
  }
  return grouped;
}
