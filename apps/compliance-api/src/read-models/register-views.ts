import { Inject, Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { registerView, type RegisterView } from '#domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EntityProjection } from './entity-projection.js';
import { RatingsRefresher } from './ratings.js';
import { ReadModelDatabase } from './read-model-database.js';

/**
 * How long a current register view is reused. A view changes with a new event (then it is
 * recomputed at once) and with time alone (a certificate expiring at midnight); a reused view
 * says honestly when it was computed (`rating.asOf`, `knownAt`), and any caller who needs
 * another instant passes `asOf` and gets an exact computation.
 */
export const CURRENT_VIEW_MAX_AGE_MS = 60_000;

/**
 * Register views, current (the stored view of the entity's rating, for the register's hot
 * path: one indexed read, no events in memory) or at any instant (exact, computed).
 */
@Injectable()
export class RegisterViews {
  private readonly selectStored: StatementSync;

  constructor(
    database: ReadModelDatabase,
    private readonly entities: EntityProjection,
    private readonly ratings: RatingsRefresher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.selectStored = database.db.prepare('SELECT view, rated_at, stale FROM ratings WHERE bin = ?');
  }

  /** The view now, as JSON, or `undefined` for an entity the read models do not know. */
  current(bin: string, now = Date.now()): string | undefined {
    const stored = this.selectStored.get(bin) as { view: string | null; rated_at: string; stale: number } | undefined;
    if (!stored) return undefined;
    const fresh = stored.stale === 0 && now - Date.parse(stored.rated_at) < CURRENT_VIEW_MAX_AGE_MS;
    return fresh && stored.view !== null ? stored.view : this.ratings.rate(bin, now);
  }

  /** The view at a business instant, from the events recorded by `knownAt`; never cached. */
  at(bin: string, asOf: number, knownAt: number): (RegisterView & { knownAt: string }) | undefined {
    const entity = this.entities.load(bin);
    const known = entity?.events.filter((e) => Date.parse(e.recordedAt) <= knownAt) ?? [];
    if (known.length === 0) return undefined;
    return { ...registerView(bin, known, asOf, this.config.methodology), knownAt: new Date(knownAt).toISOString() };
  }
}
