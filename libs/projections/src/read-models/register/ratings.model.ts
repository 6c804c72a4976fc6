import { LRUCache } from 'lru-cache';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { factsOf, registerView, registerViewStableUntil, type Grade, type Methodology } from '#domain';
import type { EntityHistory, EntityRecordsModel } from '../entity-records/entity-records.model.js';
import type { LifetimeBanModel } from '../lifetime-ban/lifetime-ban.model.js';
import { storedView, type StoredView } from './stored-view.js';

export interface RatingFilter {
  /** A holding: the entity itself and every entity under it, at any depth. */
  readonly holding?: string;
  /** Words of the name, in any case (`kazakh rail` finds "Kazakh Railways"). */
  readonly name?: string;
  readonly grade?: Grade;
  readonly sector?: string;
  readonly region?: string;
  readonly certified?: boolean;
  readonly clearWave?: boolean;
}

export interface RatingSummary {
  readonly bin: string;
  readonly name: string;
  readonly parentBin: string | null;
  readonly sector: string | null;
  readonly region: string | null;
  readonly score: number;
  readonly grade: Grade;
  readonly certified: boolean;
  readonly clearWave: boolean;
  readonly ratedAt: string;
}

/** A row of `ratings`: an entity's rating at `rated_at`, with the register view it was taken from. */
export interface RatingRow {
  readonly bin: string;
  readonly name: string;
  /** The name as searched: folded to lower case, compatibility forms unified. */
  readonly name_key: string;
  readonly parent_bin: string | null;
  readonly sector: string | null;
  readonly region: string | null;
  readonly certified: number;
  readonly score: number;
  readonly grade: Grade;
  readonly clear_wave: number;
  readonly rated_at: string;
  /** The position of the entity's last event the rating includes. */
  readonly through: string;
  readonly view: string;
  readonly valid_until: number;
  /** 1 when the entity has events the rating does not include yet (the ratings clock owes a new one). */
  readonly due: number;
}

export const RATINGS_SCHEMA = `
  CREATE TABLE ratings (
    bin         TEXT PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL,
    parent_bin  TEXT,
    sector      TEXT,
    region      TEXT,
    certified   INTEGER NOT NULL,
    score       REAL    NOT NULL,
    grade       TEXT    NOT NULL,
    clear_wave  INTEGER NOT NULL,
    rated_at    TEXT    NOT NULL,
    through     TEXT    NOT NULL,
    view        TEXT    NOT NULL,
    valid_until INTEGER NOT NULL,
    due         INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX ratings_due ON ratings (due) WHERE due = 1;
  CREATE INDEX ratings_parent ON ratings (parent_bin) WHERE parent_bin IS NOT NULL;
  CREATE INDEX ratings_valid_until ON ratings (valid_until);`;

const COLUMNS = [
  'bin',
  'name',
  'name_key',
  'parent_bin',
  'sector',
  'region',
  'certified',
  'score',
  'grade',
  'clear_wave',
  'rated_at',
  'through',
  'view',
  'valid_until',
  'due',
] as const satisfies readonly (keyof RatingRow)[];

/** How far down a holding the list looks (cycles are refused, but never trusted). */
const MAX_HOLDING_DEPTH = 16;

/** A name as it is searched: lower case, compatibility forms unified, whatever the script. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** Register views kept in memory: every entity of a large register, at under 1 KB each. */
const MIRRORED_VIEWS = 100_000;

/**
 * The rating of every entity, each with the register view it was taken from: what the register
 * list is filtered and paged by, and the stored views `GET /v1/register/{bin}` serves. Written
 * only by the projection side: an entity whose events are applied is marked due, and the ratings
 * clock rates what is due (each entity once, however many events it got meanwhile), and what time
 * alone has changed (`valid_until`, from registerViewStableUntil); catching up, the log's head is
 * not counted as reached before every entity due is rated.
 */
export class RatingsModel {
  private readonly upsert: StatementSync;
  private readonly markDueStatement: StatementSync;
  private readonly insertUnrated: StatementSync;
  private readonly selectDue: StatementSync;
  private readonly selectStored: StatementSync;
  private readonly selectStoredAfter: StatementSync;
  /** Stored views mirrored in memory: reading them from SQLite cost the register's hot path a third of its time. */
  private readonly mirrored = new LRUCache<string, StoredView>({ max: MIRRORED_VIEWS });

  constructor(
    private readonly db: DatabaseSync,
    private readonly entities: EntityRecordsModel,
    private readonly lifetimeBan: LifetimeBanModel,
    private readonly methodology: Methodology,
  ) {
    this.upsert = db.prepare(
      `INSERT OR REPLACE INTO ratings (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `:${c}`).join(', ')})`,
    );
    this.markDueStatement = db.prepare('UPDATE ratings SET due = 1 WHERE bin = ?');
    this.insertUnrated = db.prepare(
      `INSERT INTO ratings (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `:${c}`).join(', ')})`,
    );
    this.selectDue = db.prepare('SELECT bin FROM ratings WHERE due = 1 OR valid_until <= ? LIMIT ?');
    this.selectStored = db.prepare('SELECT view, rated_at, valid_until, due FROM ratings WHERE bin = ?');
    this.selectStoredAfter = db.prepare(
      "SELECT bin, view, rated_at, valid_until FROM ratings WHERE bin > ? AND due = 0 AND rated_at != '' ORDER BY bin LIMIT ?",
    );
  }

  /** Rates the entity at `now` and stores the rating with its view; answers the stored view. */
  rate(bin: string, now: number, { keep = true }: { keep?: boolean } = {}): StoredView | undefined {
    const history = this.entities.load(bin, { keep });
    return history && this.rateHistory(history, now);
  }

  /** Rates the entity of this history (all its events applied) at `now`, as `rate` does. */
  rateHistory(history: EntityHistory, now: number): StoredView {
    const row = ratingRow(history, now, this.methodology, this.lifetimeBan);
    this.upsert.run({ ...row });
    const stored = { view: row.view, validFrom: now, validUntil: row.valid_until };
    this.mirrored.set(history.bin, stored);
    return stored;
  }

  /** Leaves the entity to be rated again (its events have moved on), keeping its latest rating meanwhile. */
  markDue(bin: string): void {
    if (this.markDueStatement.run(bin).changes === 0) this.insertUnrated.run({ ...unrated(bin) });
    this.mirrored.delete(bin);
  }

  /**
   * Rates up to `limit` entities that are due, or whose view time alone has changed by `now`;
   * answers how many. `keep`: keep their events in memory (not in a sweep over every entity).
   */
  rateDue(limit: number, now: number, { keep }: { keep: boolean }): number {
    const due = this.selectDue.all(now, limit) as { bin: string }[];
    for (const { bin } of due) this.rate(bin, now, { keep });
    return due.length;
  }

  /**
   * Mirrors up to `limit` stored views of the entities after `after` (a BIN), in BIN order, until
   * the mirror is full; answers the last BIN read, or `undefined` when there is nothing more to
   * mirror. A view mirrored already is left as it is (it is never older than the file's).
   */
  mirrorStoredAfter(after: string, limit: number): string | undefined {
    if (this.mirrored.size >= MIRRORED_VIEWS) return undefined;
    const rows = this.selectStoredAfter.all(after, limit) as Pick<
      RatingRow,
      'bin' | 'view' | 'rated_at' | 'valid_until'
    >[];
    for (const row of rows) {
      if (this.mirrored.size >= MIRRORED_VIEWS) return undefined;
      if (!this.mirrored.has(row.bin)) {
        this.mirrored.set(row.bin, {
          view: row.view,
          validFrom: Date.parse(row.rated_at),
          validUntil: row.valid_until,
        });
      }
    }
    return rows.length < limit ? undefined : rows[rows.length - 1].bin;
  }

  /** How many stored views memory holds. */
  get mirroredCount(): number {
    return this.mirrored.size;
  }

  /** The stored view, or `undefined` when none is stored or it is due to be rated again. */
  stored(bin: string): StoredView | undefined {
    const mirrored = this.mirrored.get(bin);
    if (mirrored) return mirrored;
    const row = this.selectStored.get(bin) as Pick<RatingRow, 'view' | 'rated_at' | 'valid_until' | 'due'> | undefined;
    if (row === undefined || row.due === 1) return undefined;
    const stored = { view: row.view, validFrom: Date.parse(row.rated_at), validUntil: row.valid_until };
    this.mirrored.set(bin, stored);
    return stored;
  }

  /**
   * Ratings matching the filter, by BIN, after `cursor` (a BIN), at most `limit`: each entity's
   * latest rating (an entity never rated yet is left out), saying when it was rated.
   */
  list(filter: RatingFilter, cursor: string | undefined, limit: number): RatingSummary[] {
    const where: string[] = ['bin > ?', "rated_at != ''"];
    const values: (string | number)[] = [cursor ?? ''];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      values.push(value);
    };
    add(
      `bin IN (WITH RECURSIVE within (bin, depth) AS (SELECT ?, 0 UNION SELECT r.bin, w.depth + 1 FROM ratings r
         JOIN within w ON r.parent_bin = w.bin WHERE w.depth < ${MAX_HOLDING_DEPTH}) SELECT bin FROM within)`,
      filter.holding,
    );
    for (const word of filter.name === undefined ? [] : nameKey(filter.name).split(/\s+/).filter(Boolean)) {
      add('instr(name_key, ?) > 0', word);
    }
    add('grade = ?', filter.grade);
    add('sector = ?', filter.sector);
    add('region = ?', filter.region);
    add('certified = ?', filter.certified === undefined ? undefined : Number(filter.certified));
    add('clear_wave = ?', filter.clearWave === undefined ? undefined : Number(filter.clearWave));
    const rows = this.db
      .prepare(
        `SELECT bin, name, parent_bin, sector, region, score, grade, certified, clear_wave, rated_at FROM ratings
         WHERE ${where.join(' AND ')} ORDER BY bin LIMIT ?`,
      )
      .all(...values, limit) as unknown as RatingRow[];
    return rows.map((row) => ({
      bin: row.bin,
      name: row.name,
      parentBin: row.parent_bin,
      sector: row.sector,
      region: row.region,
      score: row.score,
      grade: row.grade,
      certified: row.certified === 1,
      clearWave: row.clear_wave === 1,
      ratedAt: row.rated_at,
    }));
  }

  /** Forgets the views kept in memory: after a transaction that changed them was rolled back. */
  forgetMirrored(): void {
    this.mirrored.clear();
  }
}

/**
 * The rating row of an entity rated at `now`: a function of its history and of the convictions of
 * its office holders known then, so it can be checked.
 */
export function ratingRow(
  history: EntityHistory,
  now: number,
  methodology: Methodology,
  lifetimeBan: Pick<LifetimeBanModel, 'convictionsOf' | 'convictionInstants'>,
): RatingRow {
  const view = registerView(history.bin, history.record, now, methodology, lifetimeBan.convictionsOf(now));
  return {
    bin: history.bin,
    name: view.name,
    name_key: nameKey(view.name),
    parent_bin: history.record.details?.current.parentBin ?? null,
    sector: view.sector,
    region: view.region,
    certified: view.indicators.certificate?.status === 'valid' ? 1 : 0,
    score: view.rating.score,
    grade: view.rating.grade,
    clear_wave: view.clearWave.eligible ? 1 : 0,
    rated_at: new Date(now).toISOString(),
    through: history.lastPosition,
    view: storedView(view),
    valid_until: registerViewStableUntil(
      factsOf(history.record),
      now,
      lifetimeBan.convictionInstants(history.record, now),
    ),
    due: 0,
  };
}

/** The row of an entity whose events have arrived but that was never rated yet. */
export function unrated(bin: string): RatingRow {
  return {
    bin,
    name: '',
    name_key: '',
    parent_bin: null,
    sector: null,
    region: null,
    certified: 0,
    score: 0,
    grade: 'D',
    clear_wave: 0,
    rated_at: '',
    through: '',
    view: '',
    valid_until: 0,
    due: 1,
  };
}
