import { instantOf } from '../time/business-date.js';
import { occurredOn, type ComplianceEvent, type ComplianceEventType, type EventOf } from './events.js';

/** An event with the id it is stored under: what explanations cite. */
export interface IdentifiedEvent<Event extends ComplianceEvent = ComplianceEvent> {
  readonly eventId: string;
  readonly event: Event;
}

/** A fact on the timeline: when it happened (epoch ms, business time) and the event that says so. */
export interface Dated {
  readonly eventId: string;
  readonly at: number;
}

/** A dated fact: its type and the data of its event. */
export type DatedFact<Type extends ComplianceEventType = ComplianceEventType> = {
  [T in Type]: Dated & { readonly type: T; readonly data: EventOf<T>['data'] };
}[Type];

/**
 * When an event's fact happened, as an instant; `-Infinity` for a fact with no business date
 * (an entity registered without `registeredOn`), which counts as having always been so.
 */
export function businessInstantOf(event: ComplianceEvent): number {
  const date = occurredOn(event);
  return date === undefined ? Number.NEGATIVE_INFINITY : instantOf(date);
}

/** The dated fact an event records. */
export function datedFact<Type extends ComplianceEventType>(
  { eventId, event }: IdentifiedEvent<EventOf<Type>>,
  at: number = businessInstantOf(event),
): DatedFact<Type> {
  return { eventId, at, type: event.type, data: event.data } as DatedFact<Type>;
}
