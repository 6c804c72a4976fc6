import { Inject, Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import { registerView, type RegisterView } from '#domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EntityProjection } from './entity-projection.js';
import { RatingsRefresher } from './ratings.js';
import { ReadModelDatabase } from './read-model-database.js';
import { servedView } from './stored-view.js';

/**
 * Register views, now (the stored view of the entity's rating, for the register's hot path:
 * one indexed read and no events in memory, exact as computed) or at any other instant
 * (computed).
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
    this.selectStored = database.db.prepare('SELECT view, valid_until, stale FROM ratings WHERE bin = ?');
  }

  /** The view now, as JSON, or `undefined` for an entity the read models do not know. */
  current(bin: string, now = Date.now()): string | undefined {
    const stored = this.selectStored.get(bin) as
      { view: string | null; valid_until: number; stale: number } | undefined;
    if (!stored) return undefined;
    const valid = stored.stale === 0 && stored.view !== null && now < stored.valid_until;
    return valid ? servedView(stored.view as string, now) : this.ratings.rate(bin, now);
  }

  /** The view at a business instant, from the events recorded by `knownAt`; never cached. */
  at(bin: string, asOf: number, knownAt: number): (RegisterView & { knownAt: string }) | undefined {
    const entity = this.entities.load(bin);
    const known = entity?.events.filter((e) => Date.parse(e.recordedAt) <= knownAt) ?? [];
    if (known.length === 0) return undefined;
    return { ...registerView(bin, known, asOf, this.config.methodology), knownAt: new Date(knownAt).toISOString() };
  }
}
