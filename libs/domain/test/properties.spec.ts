import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide, emptyRecord, evolve, METHODOLOGY_V1, replay, RuleViolation, scoreEntity } from '#domain';
import { command, day, history, scored } from './support/arbitraries.js';

describe('properties of the domain (fast-check)', () => {
  it('the decider never throws: every command is either recorded as one event or refused with a rule', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        let record = emptyRecord;
        for (const [i, c] of commands.entries()) {
          const decision = decide(c, record);
          if (decision instanceof RuleViolation) {
            expect(['not_found', 'conflict', 'invalid']).toContain(decision.kind);
            expect(decision.rule).toMatch(/^[a-z]+(-[a-z]+)*$/);
          } else {
            expect(decision).toHaveLength(1);
            record = evolve(record, { eventId: `e${i}`, event: decision[0] });
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('scores stay within 0-100 and every pillar within its range, at any instant', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), day, (commands, asOf) => {
        const card = scoreEntity(scored(history(commands)), Date.parse(`${asOf}T00:00:00+05:00`), METHODOLOGY_V1);
        expect(card.score).toBeGreaterThanOrEqual(0);
        expect(card.score).toBeLessThanOrEqual(100);
        expect(card.pillars.prevention).toBeLessThanOrEqual(40);
        expect(card.pillars.training).toBeLessThanOrEqual(10);
        expect(card.pillars.conflicts_of_interest).toBeLessThanOrEqual(20);
        expect(card.pillars.integrity).toBeLessThanOrEqual(30);
        expect(Object.values(card.pillars).every((points) => points >= 0)).toBe(true);
        expect(card.score).toBeCloseTo(
          Object.values(card.pillars).reduce((a, b) => a + b, 0),
          5,
        );
        expect(card.clearWave.eligible).toBe(card.clearWave.unmet.length === 0);
      }),
      { numRuns: 300 },
    );
  });

  it('folding a stream event by event, at once, or in two parts gives the same record and the same score', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), day, (commands, asOf) => {
        const events = scored(history(commands));
        const folded = events.reduce(evolve, emptyRecord);
        expect(replay(events)).toEqual(folded);
        expect(replay(events.slice(3), replay(events.slice(0, 3)))).toEqual(folded);
        const instant = Date.parse(`${asOf}T00:00:00+05:00`);
        expect(scoreEntity(events, instant, METHODOLOGY_V1)).toEqual(
          scoreEntity(structuredClone(events), instant, METHODOLOGY_V1),
        );
      }),
      { numRuns: 200 },
    );
  });
});
