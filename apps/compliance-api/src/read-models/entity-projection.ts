import { LRUCache } from 'lru-cache';
import type { StatementSync } from 'node:sqlite';
import type { ScoredEvent } from '#domain';
import { binOfStream, type ComplianceEventLog, type LoggedEvent } from '#event-log';
import type { RecordedEvent } from '#event-store';
import type { ReadModelDatabase } from './read-model-database.js';
import { MultiRowInsert } from '#event-store/sqlite';

const CACHED_EVENTS = 100_000;

/** An entity's events as the read side keeps them: enough to score and describe it at any instant. */
export interface EntityEvents {
  readonly bin: string;
  readonly revision: number;
  readonly lastPosition: string;
  readonly events: readonly (ScoredEvent & { readonly recordedAt: string })[];
}

/**
 * Keeps a local copy of every entity's events (in the current schema) and each entity's
 * revision, so register views and scores are computed without touching the event store; marks
 * the entity's rating stale and records the change for the changes feed.
 */
export class EntityProjection {
  static readonly NAME = 'entities';
  private readonly insertEvents: MultiRowInsert;
  private readonly upsertEntity: StatementSync;
  private readonly selectEntity: StatementSync;
  private readonly selectEvents: StatementSync;
  private readonly markStale: StatementSync;
  private readonly insertChanges: MultiRowInsert;
  private readonly changeListeners: ((bin: string) => void)[] = [];
  /**
   * Recently used entities, kept parsed for scores, profiles and re-rating. Bounded by events,
   * not entities, so memory stays flat however large the histories (about 50 MB at most); the
   * register's hot path does not need it (it serves stored views).
   */
  private readonly cache = new LRUCache<string, EntityEvents>({
    maxSize: CACHED_EVENTS,
    sizeCalculation: (entity) => Math.max(1, entity.events.length),
  });

  constructor(readonly database: ReadModelDatabase) {
    const { db } = database;
    this.insertEvents = new MultiRowInsert(
      db,
      'entity_events (bin, revision, position, event_id, type, recorded_at, data)',
      7,
    );
    this.upsertEntity = db.prepare(
      `INSERT INTO entities (bin, revision, last_position) VALUES (?, ?, ?)
       ON CONFLICT (bin) DO UPDATE SET revision = excluded.revision, last_position = excluded.last_position`,
    );
    this.selectEntity = db.prepare('SELECT revision, last_position FROM entities WHERE bin = ?');
    this.selectEvents = db.prepare(
      'SELECT event_id, type, recorded_at, data FROM entity_events WHERE bin = ? ORDER BY revision',
    );
    this.markStale = db.prepare(
      `INSERT INTO ratings (bin, name, certified, score, grade, clear_wave, rated_at, stale) VALUES (?, '', 0, 0, 'D', 0, '', 1)
       ON CONFLICT (bin) DO UPDATE SET stale = 1`,
    );
    this.insertChanges = new MultiRowInsert(db, 'changes (position, bin)', 2);
  }

  /**
   * Applies a batch of events, inside the projection's transaction: every event is kept, and
   * each entity touched is updated (and its rating marked stale) once, at its last event.
   */
  applyBatch(events: readonly { readonly bin: string; readonly logged: LoggedEvent }[]): void {
    const touched = new Map<string, LoggedEvent[]>();
    this.insertEvents.run(
      events.map(({ bin, logged }) => [
        bin,
        logged.revision,
        logged.position,
        logged.eventId,
        logged.event.type,
        logged.metadata.recordedAt,
        JSON.stringify(logged.event.data),
      ]),
    );
    this.insertChanges.run(events.map(({ bin, logged }) => [logged.position, bin]));
    for (const { bin, logged } of events) {
      const ofEntity = touched.get(bin);
      if (ofEntity === undefined) touched.set(bin, [logged]);
      else ofEntity.push(logged);
    }
    for (const [bin, logged] of touched) {
      const last = logged[logged.length - 1];
      this.upsertEntity.run(bin, last.revision, last.position);
      this.markStale.run(bin); // its rating is recomputed after the batch commits (RatingsRefresher)
      this.extendCached(bin, logged);
      for (const listener of this.changeListeners) listener(bin);
    }
  }

  /**
   * A cached entity gets its new events as they are applied, rather than being read and parsed
   * again for its next rating. Should the batch's transaction fail after this, the events are
   * in the log all the same, and applied again from the checkpoint (then found already here,
   * which drops the entity from the cache).
   */
  private extendCached(bin: string, logged: readonly LoggedEvent[]): void {
    const cached = this.cache.get(bin);
    if (cached === undefined) return;
    const last = logged[logged.length - 1];
    if (logged[0].revision !== cached.revision + 1) {
      this.cache.delete(bin);
      return;
    }
    const added = logged.map((e) => ({ eventId: e.eventId, recordedAt: e.metadata.recordedAt, event: e.event }));
    this.cache.set(bin, {
      bin,
      revision: last.revision,
      lastPosition: last.position,
      events: [...cached.events, ...added],
    });
  }

  /** Calls `listener` with every entity that gets new events (while they are applied). */
  onEntityChanged(listener: (bin: string) => void): void {
    this.changeListeners.push(listener);
  }

  /** The entity's revision, without loading its events; `undefined` if unknown. */
  revisionOf(bin: string): number | undefined {
    return (this.selectEntity.get(bin) as { revision: number } | undefined)?.revision;
  }

  load(bin: string): EntityEvents | undefined {
    const cached = this.cache.get(bin);
    if (cached) return cached;
    const loaded = this.read(bin);
    if (loaded) this.cache.set(bin, loaded);
    return loaded;
  }

  private read(bin: string): EntityEvents | undefined {
    const entity = this.selectEntity.get(bin) as { revision: number; last_position: string } | undefined;
    if (!entity) return undefined;
    const rows = this.selectEvents.all(bin) as { event_id: string; type: string; recorded_at: string; data: string }[];
    return {
      bin,
      revision: entity.revision,
      lastPosition: entity.last_position,
      events: rows.map((row) => ({
        eventId: row.event_id,
        recordedAt: row.recorded_at,
        event: { type: row.type, data: JSON.parse(row.data) } as ScoredEvent['event'],
      })),
    };
  }
}

/** The events of entity streams in a page of the log, decoded to the current schema. */
export function entityEventsOf(
  page: readonly RecordedEvent[],
  log: ComplianceEventLog,
): { bin: string; logged: LoggedEvent }[] {
  return page.flatMap((recorded) => {
    const bin = binOfStream(recorded.streamId);
    return bin === undefined ? [] : [{ bin, logged: log.decode(recorded) }];
  });
}
