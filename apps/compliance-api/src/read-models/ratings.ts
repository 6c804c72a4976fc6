import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { registerView, type Grade } from '#domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EntityProjection } from './entity-projection.js';
import { ReadModelDatabase } from './read-model-database.js';

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

/** How long a rating may be reused before time alone (expiry, windows) is taken into account again. */
export const RATINGS_MAX_AGE_MS = 10 * 60 * 1000;
/** Ratings recomputed per turn of the event loop in the background, so requests keep flowing. */
const BACKGROUND_CHUNK = 200;
/** At most this many stale ratings are recomputed before a list answers; the rest in the background. */
const BEFORE_LIST = 1000;

/**
 * The ratings of every entity, each with the register view it was taken from: the list the
 * register is filtered and paged by, and the stored views `GET /v1/register/{bin}` serves. A
 * rating changes with a new event (the projection marks it stale) and with time alone (a
 * certificate expires): stale ratings are recomputed in the background a chunk at a time (and
 * up to BEFORE_LIST of them before a list answers), and every rating is marked stale when
 * older than RATINGS_MAX_AGE_MS. Each item says when it was rated.
 */
@Injectable()
export class RatingsRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly selectStale: StatementSync;
  private readonly markOld: StatementSync;
  private readonly update: StatementSync;
  private timer?: NodeJS.Timeout;
  private refreshing = false;
  private lastAgeCheck = 0;

  constructor(
    private readonly database: ReadModelDatabase,
    private readonly entities: EntityProjection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { db } = database;
    this.selectStale = db.prepare('SELECT bin FROM ratings WHERE stale = 1 LIMIT ?');
    this.markOld = db.prepare('UPDATE ratings SET stale = 1 WHERE stale = 0 AND rated_at < ?');
    this.update = db.prepare(
      `UPDATE ratings SET name = ?, sector = ?, region = ?, certified = ?, score = ?, grade = ?, clear_wave = ?, rated_at = ?, view = ?, stale = 0
       WHERE bin = ?`,
    );
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.refreshInBackground(), 1000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Recomputes up to `limit` stale ratings now; answers how many. */
  refreshStale(limit: number, now = Date.now()): number {
    const stale = this.selectStale.all(limit) as { bin: string }[];
    if (stale.length > 0) {
      this.database.transaction(() => {
        for (const { bin } of stale) this.rate(bin, now);
      });
    }
    return stale.length;
  }

  /** Marks old ratings stale (once a minute), then recomputes stale ones a chunk per turn of the event loop. */
  private async refreshInBackground(now = Date.now()): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      if (now - this.lastAgeCheck >= 60_000) {
        this.lastAgeCheck = now;
        this.markOld.run(new Date(now - RATINGS_MAX_AGE_MS).toISOString());
      }
      while (this.database.db.isOpen && this.refreshStale(BACKGROUND_CHUNK, now) === BACKGROUND_CHUNK) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.refreshing = false;
    }
  }

  /**
   * Rates the entity at `now` from its events and stores the rating with its register view;
   * answers the view as JSON, or `undefined` for an entity the read models do not know.
   */
  rate(bin: string, now: number): string | undefined {
    const entity = this.entities.load(bin);
    if (!entity) return undefined;
    const view = {
      ...registerView(bin, entity.events, now, this.config.methodology),
      knownAt: new Date(now).toISOString(),
    };
    const json = JSON.stringify(view);
    this.update.run(
      view.name,
      view.sector,
      view.region,
      view.indicators.certificate?.status === 'valid' ? 1 : 0,
      view.rating.score,
      view.rating.grade,
      view.clearWave.eligible ? 1 : 0,
      view.knownAt,
      json,
      bin,
    );
    return json;
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
