import type { EventOf } from '../facts/events.js';
import type { DatedFact } from '../facts/identified-event.js';
import { historyOf, stepsOf, type History } from './history.js';

export type EntityDetails = EventOf<'EntityRegistered'>['data'];

/** An entity's registration and the changes of its details since (name, parent, sector...). */
export interface DetailsLife {
  readonly registration: DatedFact<'EntityRegistered'>;
  readonly changes?: History<DatedFact<'EntityDetailsChanged'>>;
  /** The details after every change recorded, whatever their dates. */
  readonly current: EntityDetails;
}

export function detailsLife(
  life: DetailsLife | undefined,
  step: DatedFact<'EntityRegistered' | 'EntityDetailsChanged'>,
): DetailsLife | undefined {
  if (step.type === 'EntityRegistered') return { registration: step, current: step.data };
  return life && { ...life, changes: historyOf(step, life.changes), current: withChange(life.current, step) };
}

/** The details in effect at a business instant: the registration and the changes dated by then. */
export function detailsAt(life: DetailsLife, asOf: number): EntityDetails {
  if (life.changes === undefined || life.changes.latestAt <= asOf) return life.current;
  return stepsOf(life.changes).reduce(
    (details, change) => (change.at <= asOf ? withChange(details, change) : details),
    life.registration.data,
  );
}

function withChange(details: EntityDetails, change: DatedFact<'EntityDetailsChanged'>): EntityDetails {
  const { changedOn: _changedOn, ...changed } = change.data;
  return { ...details, ...changed };
}
