import type { IdentifiedEvent } from '../facts/identified-event.js';
import { businessInstant, KAZAKHSTAN_OFFSET } from '../time/business-date.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_MS = Number(KAZAKHSTAN_OFFSET.slice(1, 3)) * 60 * 60 * 1000;

/**
 * The instant (exclusive) up to which an entity's register view, computed at `asOf`, stays
 * exactly the same but for its `asOf` stamp, as long as no event is added.
 *
 * Every time rule of the methodology compares the instant asked with a date the events carry,
 * shifted by whole days (`settleWithinDays`) or whole calendar months (windows), or tests
 * "more than N days" (which turns one millisecond after). A shift by whole days or months keeps
 * the time of day in Kazakhstan, and the month arithmetic jumps only at the start of a day. So
 * any rule can change its outcome only at an instant whose time of day is that of one of the
 * dates (or one millisecond past it), or at the start of a day: with calendar dates alone the
 * view holds for the rest of the business day. Checked against computation by a property test.
 */
export function registerViewStableUntil(
  events: readonly IdentifiedEvent[],
  asOf: number,
  /** Instants outside the events the view turns at too (office holders' convictions elsewhere). */
  alsoAt: readonly number[] = [],
): number {
  const turns = new Set<number>([0, 1]);
  for (const instant of alsoAt) {
    const timeOfDay = localTimeOfDay(instant);
    turns.add(timeOfDay);
    turns.add((timeOfDay + 1) % DAY_MS);
  }
  for (const { event } of events) {
    forEachString(event.data, (text) => {
      const instant = businessInstant(text);
      if (instant === undefined) return;
      const timeOfDay = localTimeOfDay(instant);
      turns.add(timeOfDay);
      turns.add((timeOfDay + 1) % DAY_MS);
    });
  }
  const now = localTimeOfDay(asOf);
  const startOfDay = asOf - now;
  let next = DAY_MS; // the start of the next day at the latest
  for (const turn of turns) if (turn > now && turn < next) next = turn;
  return startOfDay + next;
}

function localTimeOfDay(instant: number): number {
  return (((instant + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** Every string in an event's data, however nested. */
function forEachString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) forEachString(item, visit);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) forEachString(item, visit);
}
