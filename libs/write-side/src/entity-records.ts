import { LRUCache } from 'lru-cache';
import { replay, type EntityRecord } from '#domain';
import type { ComplianceEventLog, EntityStream } from '#event-log';
import { KeyedWrites } from './keyed-writes.js';

/** An entity's stream as last read or written here, the record folded from it, and its keyed writes. */
export interface KeptRecord {
  readonly stream: EntityStream;
  readonly record: EntityRecord;
  readonly keyedWrites: KeyedWrites;
}

/** Events of recently written entities kept in memory (about 100 MB at most). */
const KEPT_EVENTS = 100_000;

/**
 * The write side's view of entities: each entity's stream and record, kept between requests so
 * that a write costs the same on a long history as on a short one, and brought up to date from
 * the log (only what was appended since is read and folded) whenever a decision must be exact.
 */
export class EntityRecords {
  private readonly kept = new LRUCache<string, KeptRecord>({
    maxSize: KEPT_EVENTS,
    sizeCalculation: (kept) => kept.stream.events.length + 1,
  });

  constructor(readonly log: ComplianceEventLog) {}

  /**
   * The entity as kept here (`fresh: false`: what this process last read or wrote, which may
   * miss another process's writes), or as the log has it now (`fresh: true`). `read` says
   * whether the log was asked.
   */
  async current(bin: string, { fresh }: { fresh: boolean }): Promise<KeptRecord & { read: boolean }> {
    const known = this.kept.get(bin);
    if (known && !fresh) return { ...known, read: false };
    const stream = known ? await this.log.refresh(known.stream) : await this.log.load(bin);
    if (known && stream === known.stream) return { ...known, read: true };
    const added = stream.events.slice(known?.stream.events.length ?? 0);
    const record = replay(added, known?.record);
    const keyedWrites = known?.keyedWrites ?? new KeyedWrites();
    keyedWrites.add(added);
    const current = { stream, record, keyedWrites };
    if (stream.revision !== 'no_stream') this.kept.set(bin, current);
    return { ...current, read: true };
  }

  /** What a write left the entity at, kept for the next one. */
  remember(bin: string, kept: KeptRecord): void {
    this.kept.set(bin, kept);
  }
}
