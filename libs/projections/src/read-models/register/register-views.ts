import { registerView, replay, type Methodology, type RegisterView } from '#domain';
import type { EntityRecordsModel } from '../entity-records/entity-records.model.js';
import type { Quarantine, QuarantineRegister } from '../entity-records/quarantine.js';
import type { LifetimeBanModel } from '../lifetime-ban/lifetime-ban.model.js';
import type { RatingsModel } from './ratings.model.js';
import { servedView, storedView } from './stored-view.js';

/** A register view as a read finds it: the view (JSON), withheld (its entity set aside), or none. */
export type RegisterAnswer = { readonly json: string } | { readonly withheld: Quarantine } | undefined;

/**
 * The register views, as the register's reads ask for them: now (the stored view, exact as
 * computed, served from memory), or at any other instant (computed from the events). Reading
 * never writes: a stored view that time alone has outdated is computed in memory until the
 * ratings clock stores its successor.
 */
export class RegisterViews {
  constructor(
    private readonly ratings: RatingsModel,
    private readonly entities: EntityRecordsModel,
    private readonly lifetimeBan: LifetimeBanModel,
    private readonly quarantine: QuarantineRegister,
    private readonly methodology: Methodology,
  ) {}

  /** The view now. */
  current(bin: string, now = Date.now()): RegisterAnswer {
    const withheld = this.quarantine.of(bin);
    if (withheld) return { withheld };
    const stored = this.ratings.stored(bin);
    // (a clock set back must not serve a view computed for a later instant)
    if (stored !== undefined && stored.validFrom <= now && now < stored.validUntil) {
      return { json: servedView(stored.view, now) };
    }
    const history = this.entities.load(bin);
    if (history === undefined) return undefined;
    const view = registerView(bin, history.record, now, this.methodology, this.lifetimeBan.convictionsOf(now));
    return { json: servedView(storedView(view), now) };
  }

  /** The view at a business instant, from the events recorded by `knownAt`; never stored. */
  at(
    bin: string,
    asOf: number,
    knownAt: number,
  ): { view: RegisterView & { knownAt: string } } | { withheld: Quarantine } | undefined {
    const withheld = this.quarantine.of(bin);
    if (withheld) return { withheld };
    const history = this.entities.load(bin);
    const known = history?.events.filter((e) => Date.parse(e.recordedAt) <= knownAt) ?? [];
    if (known.length === 0) return undefined;
    const record = known.length === history?.events.length ? history.record : replay(known);
    const view = registerView(bin, record, asOf, this.methodology, this.lifetimeBan.convictionsOf(knownAt));
    return { view: { ...view, knownAt: new Date(knownAt).toISOString() } };
  }
}
