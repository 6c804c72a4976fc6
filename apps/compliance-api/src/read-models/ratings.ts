import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { REGISTER_VIEW_FORMAT, registerView, registerViewStableUntil, type Grade, type Methodology } from '#domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EntityProjection } from './entity-projection.js';
import { ReadModelDatabase } from './read-model-database.js';
import { storedView, type StoredView } from './stored-view.js';

export interface RatingFilter {
  readonly grade?: Grade;
  readonly sector?: string;
  readonly region?: string;
  readonly certified?: boolean;
  readonly clearWave?: boolean;
}

export interface RatingSummary {
  readonly bin: string;
  readonly name: string;
  readonly sector: string | null;
  readonly region: string | null;
  readonly score: number;
  readonly grade: Grade;
  readonly certified: boolean;
  readonly clearWave: boolean;
  readonly ratedAt: string;
}

/** Ratings recomputed per turn of the event loop in the background, so requests keep flowing. */
const BACKGROUND_CHUNK = 200;
/** At most this many stale ratings are recomputed before a list answers; the rest in the background. */
const BEFORE_LIST = 1000;

/**
 * The ratings of every entity, each with the register view it was taken from: the list the
 * register is filtered and paged by, and the stored views `GET /v1/register/{bin}` serves.
 * A rating is exact until a new event (the projection marks it stale) or until time alone
 * could change it (`valid_until`, from registerViewStableUntil: for calendar dates, the next
 * midnight in Kazakhstan). Expired ratings are marked stale every second; stale ones are
 * recomputed in the background a chunk at a time, and up to BEFORE_LIST of them before a list
 * answers, and a view asked for is recomputed on the spot.
 */
@Injectable()
export class RatingsRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly selectStale: StatementSync;
  private readonly markExpired: StatementSync;
  private readonly update: StatementSync;
  private timer?: NodeJS.Timeout;
  private refreshing = false;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly entities: EntityProjection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { db } = database;
    this.selectStale = db.prepare('SELECT bin FROM ratings WHERE stale = 1 LIMIT ?');
    this.markExpired = db.prepare('UPDATE ratings SET stale = 1 WHERE stale = 0 AND valid_until <= ?');
    this.update = db.prepare(
      `UPDATE ratings SET name = ?, sector = ?, region = ?, certified = ?, score = ?, grade = ?, clear_wave = ?,
         rated_at = ?, view = ?, valid_until = ?, stale = 0
       WHERE bin = ?`,
    );
    this.staleIfComputedOtherwise(ratingsVersion(config.methodology));
  }

  /**
   * Stored ratings and views are exact for the methodology and the view format they were
   * computed with: a service started with other settings, or a release that computes views
   * otherwise, computes them all again (in the background, and any asked for at once).
   */
  private staleIfComputedOtherwise(version: string): void {
    const { db } = this.database;
    const stored = db.prepare("SELECT value FROM settings WHERE name = 'ratings'").get() as
      { value: string } | undefined;
    if (stored?.value === version) return;
    this.database.transaction(() => {
      db.exec('UPDATE ratings SET stale = 1');
      db.prepare("INSERT OR REPLACE INTO settings (name, value) VALUES ('ratings', ?)").run(version);
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refreshInBackground(), 1000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Recomputes up to `limit` stale ratings now (after marking the expired ones stale); answers how many. */
  refreshStale(limit: number, now = Date.now()): number {
    this.markExpired.run(now);
    const stale = this.selectStale.all(limit) as { bin: string }[];
    if (stale.length > 0) {
      this.database.transaction(() => {
        for (const { bin } of stale) this.rate(bin, now);
      });
    }
    return stale.length;
  }

  /** Recomputes stale ratings a chunk per turn of the event loop. */
  private async refreshInBackground(now = Date.now()): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      while (this.database.db.isOpen && this.refreshStale(BACKGROUND_CHUNK, now) === BACKGROUND_CHUNK) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.refreshing = false;
    }
  }

  /**
   * Rates the entity at `now` from its events and stores the rating with its register view;
   * answers the stored view (see stored-view.ts) and until when it holds, or `undefined` for
   * an entity the read models do not know.
   */
  rate(bin: string, now: number): StoredView | undefined {
    const entity = this.entities.load(bin);
    if (!entity) return undefined;
    const view = registerView(bin, entity.events, now, this.config.methodology);
    const stored = storedView(view);
    const validUntil = registerViewStableUntil(entity.events, now);
    this.update.run(
      view.name,
      view.sector,
      view.region,
      view.indicators.certificate?.status === 'valid' ? 1 : 0,
      view.rating.score,
      view.rating.grade,
      view.clearWave.eligible ? 1 : 0,
      new Date(now).toISOString(),
      stored,
      validUntil,
      bin,
    );
    return { view: stored, validFrom: now, validUntil };
  }

  /** Ratings matching the filter, by BIN, after `cursor` (a BIN), at most `limit`. */
  list(filter: RatingFilter, cursor: string | undefined, limit: number): RatingSummary[] {
    this.refreshStale(BEFORE_LIST);
    const where: string[] = ['bin > ?'];
    const values: (string | number)[] = [cursor ?? ''];
    const add = (clause: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      values.push(value);
    };
    add('grade = ?', filter.grade);
    add('sector = ?', filter.sector);
    add('region = ?', filter.region);
    add('certified = ?', filter.certified === undefined ? undefined : Number(filter.certified));
    add('clear_wave = ?', filter.clearWave === undefined ? undefined : Number(filter.clearWave));
    const rows = this.database.db
      .prepare(
        `SELECT bin, name, sector, region, score, grade, certified, clear_wave, rated_at FROM ratings
         WHERE ${where.join(' AND ')} ORDER BY bin LIMIT ?`,
      )
      .all(...values, limit) as {
      bin: string;
      name: string;
      sector: string | null;
      region: string | null;
      score: number;
      grade: Grade;
      certified: number;
      clear_wave: number;
      rated_at: string;
    }[];
    return rows.map((row) => ({
      bin: row.bin,
      name: row.name,
      sector: row.sector,
      region: row.region,
      score: row.score,
      grade: row.grade,
      certified: row.certified === 1,
      clearWave: row.clear_wave === 1,
      ratedAt: row.rated_at,
    }));
  }
}

/** What ratings and views are computed with: the view format and every methodology setting. */
function ratingsVersion(methodology: Methodology): string {
  const settings = canonicalize({ format: REGISTER_VIEW_FORMAT, methodology }) ?? '';
  return createHash('sha256').update(settings).digest('hex');
}
