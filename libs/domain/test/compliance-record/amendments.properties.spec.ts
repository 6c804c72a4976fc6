import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BUSINESS_DATE_FIELD,
  decide,
  entityProfile,
  evolve,
  factsOf,
  METHODOLOGY_V1,
  registerView,
  replay,
  RuleViolation,
  scoreEntity,
  scoreRecord,
  type ComplianceEvent,
  type IdentifiedEvent,
} from '#domain';
import { BIN, command, day, history, scored } from '../support/arbitraries.js';

const amendment = fc.record({
  pick: fc.nat(),
  retract: fc.boolean(),
  shiftDays: fc.integer({ min: -400, max: 400 }),
});

/** The same fact dated `days` later (or earlier): a correction of its business date. */
function redated(event: ComplianceEvent, days: number): ComplianceEvent {
  const field = BUSINESS_DATE_FIELD[event.type];
  if (field === null) return event;
  const date = (event.data as Record<string, unknown>)[field];
  if (typeof date !== 'string') return event;
  const shifted = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return { ...event, data: { ...event.data, [field]: shifted } } as ComplianceEvent;
}

describe('properties of corrections (fast-check)', () => {
  it('scoring a record with retractions and corrections equals scoring the history written right in the first place', () => {
    fc.assert(
      fc.property(
        fc.array(command, { maxLength: 40 }),
        fc.array(amendment, { maxLength: 12 }),
        day,
        (commands, amendments, asOfDay) => {
          const facts = scored(history(commands));
          // what the history should have been: each fact as it stands, or gone
          const intended = new Map<string, ComplianceEvent | 'retracted'>(facts.map((f) => [f.eventId, f.event]));
          let record = replay(facts);
          amendments.forEach(({ pick, retract, shiftDays }, n) => {
            const candidates = [...intended].filter(
              (entry): entry is [string, ComplianceEvent] =>
                entry[1] !== 'retracted' && entry[1].type !== 'EntityRegistered',
            );
            if (candidates.length === 0) return;
            const [eventId, event] = candidates[pick % candidates.length];
            const corrected = redated(event, shiftDays);
            const decision = decide(
              retract
                ? { type: 'RetractFact', data: { retractedEventId: eventId, reason: 'error' } }
                : { type: 'CorrectFact', data: { correctedEventId: eventId, reason: 'error', data: corrected.data } },
              record,
            );
            if (decision instanceof RuleViolation) return;
            record = evolve(record, { eventId: `amendment-${n}`, event: decision[0] });
            intended.set(eventId, retract ? 'retracted' : corrected);
          });
          const rightFirstTime: IdentifiedEvent[] = facts.flatMap(({ eventId }) => {
            const event = intended.get(eventId);
            return event === undefined || event === 'retracted' ? [] : [{ eventId, event }];
          });

          const asOf = Date.parse(`${asOfDay}T00:00:00+05:00`);
          expect(scoreRecord(record, asOf, METHODOLOGY_V1)).toEqual(scoreEntity(rightFirstTime, asOf, METHODOLOGY_V1));
          expect(registerView(BIN, record, asOf, METHODOLOGY_V1)).toEqual(
            registerView(BIN, replay(rightFirstTime), asOf, METHODOLOGY_V1),
          );
          expect(entityProfile(record)).toEqual({
            ...entityProfile(replay(rightFirstTime)),
            revision: record.folded - 1,
          });
          expect(factsOf(record)).toEqual(rightFirstTime);
        },
      ),
      { numRuns: 300 },
    );
  });
});
