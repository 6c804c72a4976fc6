import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { registerView, type RegisterView } from '#domain';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EntityProjection } from './entity-projection.js';

/**
 * How long a current register view is reused. A view changes with a new event (then it is
 * recomputed at once) and with time alone (a certificate expiring at midnight); a reused view
 * says honestly when it was computed (`rating.asOf`, `knownAt`), and any caller who needs
 * another instant passes `asOf` and gets an exact computation.
 */
export const CURRENT_VIEW_MAX_AGE_MS = 60_000;

interface CachedView {
  readonly revision: number;
  readonly computedAt: number;
  readonly view: RegisterView & { readonly knownAt: string };
  /** Serialised once, sent many times. */
  readonly json: string;
}

/** Register views, current (cached, for the register's hot path) or at any instant (exact). */
@Injectable()
export class RegisterViews {
  private readonly cache = new LRUCache<string, CachedView>({ max: 20_000 });

  constructor(
    private readonly entities: EntityProjection,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The view now, as JSON, or `undefined` for an entity the read models do not know. */
  current(bin: string, now = Date.now()): CachedView | undefined {
    const entity = this.entities.load(bin);
    if (!entity) return undefined;
    const cached = this.cache.get(bin);
    if (cached && cached.revision === entity.revision && now - cached.computedAt < CURRENT_VIEW_MAX_AGE_MS)
      return cached;
    const view = {
      ...registerView(bin, entity.events, now, this.config.methodology),
      knownAt: new Date(now).toISOString(),
    };
    const computed = { revision: entity.revision, computedAt: now, view, json: JSON.stringify(view) };
    this.cache.set(bin, computed);
    return computed;
  }

  /** The view at a business instant, from the events recorded by `knownAt`; never cached. */
  at(bin: string, asOf: number, knownAt: number): (RegisterView & { knownAt: string }) | undefined {
    const entity = this.entities.load(bin);
    const known = entity?.events.filter((e) => Date.parse(e.recordedAt) <= knownAt) ?? [];
    if (known.length === 0) return undefined;
    return { ...registerView(bin, known, asOf, this.config.methodology), knownAt: new Date(knownAt).toISOString() };
  }
}
