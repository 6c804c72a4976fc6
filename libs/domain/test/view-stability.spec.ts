import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  METHODOLOGY_V1,
  registerView,
  registerViewStableUntil,
  replay,
  type IdentifiedEvent,
  type RegisterView,
} from '#domain';
import { BIN, commandOf, dateOrTimestamp, history, scored } from './support/arbitraries.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const viewAt = (events: readonly IdentifiedEvent[], instant: number) =>
  registerView(BIN, replay(events), instant, METHODOLOGY_V1);
const withoutStamp = (view: RegisterView) => ({ ...view, rating: { ...view.rating, asOf: '' } });

/** Every instant the events' dates denote: the points where the time rules turn. */
function datesOf(events: readonly IdentifiedEvent[]): number[] {
  return events.flatMap(({ event }) =>
    Object.values(event.data as Record<string, unknown>).flatMap((value) => {
      const instant = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
      const calendarDate = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
      return calendarDate ? [Date.parse(`${value}T00:00:00+05:00`)] : Number.isNaN(instant) ? [] : [instant];
    }),
  );
}

describe('registerViewStableUntil', () => {
  it('with calendar dates only, a view holds until the next start of day in Kazakhstan', () => {
    const events = scored(
      history([
        {
          type: 'CompleteAntiCorruptionTraining',
          data: { completedOn: '2025-11-11', participants: 9, staffTotal: 10 },
        },
      ]),
    );
    const noonInAlmaty = Date.parse('2025-12-01T12:00:00+05:00');
    expect(registerViewStableUntil(events, noonInAlmaty)).toBe(Date.parse('2025-12-02T00:00:00+05:00'));
    // exactly at a start of day, "more than N days" rules turn a millisecond later
    const midnight = Date.parse('2025-12-01T00:00:00+05:00');
    expect(registerViewStableUntil(events, midnight)).toBe(midnight + 1);
  });

  it('a declaration turns overdue one millisecond after its 30 days: the bound stops there', () => {
    const events = scored(
      history([
        {
          type: 'DeclareConflictOfInterest',
          data: {
            declarationId: 'd1',
            declarantIin: '860311300524',
            position: 'Head',
            nature: 'Supplier owned by a relative',
            declaredOn: '2025-11-01',
          },
        },
      ]),
    );
    const thirtyDaysOn = Date.parse('2025-12-01T00:00:00+05:00');
    expect(registerViewStableUntil(events, thirtyDaysOn)).toBe(thirtyDaysOn + 1);
    expect(viewAt(events, thirtyDaysOn).indicators.conflictsOfInterest.overdue).toBe(0);
    expect(viewAt(events, thirtyDaysOn + 1).indicators.conflictsOfInterest.overdue).toBe(1);
  });

  it('a timestamp in the history shortens it to that time of day', () => {
    const events = scored(
      history([
        {
          type: 'CompleteAntiCorruptionTraining',
          data: { completedOn: '2025-11-11T15:30:00+05:00', participants: 9, staffTotal: 10 },
        },
      ]),
    );
    const noonInAlmaty = Date.parse('2025-12-01T12:00:00+05:00');
    expect(registerViewStableUntil(events, noonInAlmaty)).toBe(Date.parse('2025-12-01T15:30:00+05:00'));
  });

  it('the view computed at any instant before that is the same, bar its asOf (fast-check)', () => {
    const timed = commandOf(dateOrTimestamp);
    // instants near the dates of the history, shifted by whole days, months or years: where
    // windows, deadlines and expiries turn, so a wrong bound is found
    const instant = fc.record({
      pick: fc.nat(),
      days: fc.oneof(fc.constantFrom(0, 30, 90), fc.integer({ min: -5, max: 1200 })), // 30 and 90: methodology v1's deadlines
      months: fc.constantFrom(0, 12, 15, 36),
      jitter: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -DAY_MS, max: DAY_MS })),
      fallback: fc.integer({ min: Date.parse('2023-01-01'), max: Date.parse('2028-12-31') }),
    });
    fc.assert(
      fc.property(
        fc.array(timed, { maxLength: 40 }),
        instant,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (commands, at, fraction) => {
          const events = scored(history(commands));
          const dates = datesOf(events);
          const base = dates.length === 0 ? at.fallback : dates[at.pick % dates.length];
          const shifted = new Date(base + at.days * DAY_MS);
          shifted.setUTCMonth(shifted.getUTCMonth() + at.months);
          const asOf = shifted.getTime() + at.jitter;

          const until = registerViewStableUntil(events, asOf);
          expect(until).toBeGreaterThan(asOf);
          expect(until - asOf).toBeLessThanOrEqual(DAY_MS);
          const expected = withoutStamp(viewAt(events, asOf));
          const later = asOf + Math.floor(fraction * (until - 1 - asOf));
          expect(withoutStamp(viewAt(events, later))).toEqual(expected);
          expect(withoutStamp(viewAt(events, until - 1))).toEqual(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
