import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { METHODOLOGY_V1, ScoreTimeline, scoreEntity, type IdentifiedEvent } from '#domain';
import { commandOf, dateOrTimestamp, history, scored } from '../support/arbitraries.js';

/** Recording instants spread over the same years as the business dates, in order. */
const recordingInstants = (count: number) =>
  fc
    .array(fc.integer({ min: Date.parse('2022-06-01T00:00:00Z'), max: Date.parse('2028-06-01T00:00:00Z') }), {
      minLength: count,
      maxLength: count,
    })
    .map((instants) => instants.sort((a, b) => a - b));

const histories = fc
  .array(commandOf(dateOrTimestamp), { maxLength: 50 })
  .map((commands) => scored(history(commands)))
  .chain((events) => fc.tuple(fc.constant(events), recordingInstants(events.length)));

describe('ScoreTimeline: the running score behind the score history', () => {
  it('after each event, gives the score and grade that scoring the whole record then gives', () => {
    fc.assert(
      fc.property(histories, ([events, recordedAt]) => {
        const timeline = new ScoreTimeline(METHODOLOGY_V1);
        events.forEach((event, n) => {
          timeline.add(event);
          timeline.advanceTo(recordedAt[n]);
          const { score, grade } = scoreEntity(events.slice(0, n + 1), recordedAt[n], METHODOLOGY_V1);
          expect(timeline.score()).toEqual({ score, grade });
        });
        // the decider keeps every history in the date order the timeline relies on
        expect(timeline.regular).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('follows time alone between events: windows slide, audits age, declarations fall overdue', () => {
    fc.assert(
      fc.property(
        histories,
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 5, maxLength: 5 }),
        ([events, recordedAt], days) => {
          const timeline = new ScoreTimeline(METHODOLOGY_V1);
          events.forEach((event, n) => {
            timeline.add(event);
            timeline.advanceTo(recordedAt[n]);
          });
          let instant = recordedAt.at(-1) ?? Date.parse('2025-01-01T00:00:00Z');
          for (const step of days) {
            instant += step * 86_400_000 + 1;
            timeline.advanceTo(instant);
            const { score, grade } = scoreEntity(events, instant, METHODOLOGY_V1);
            expect(timeline.score()).toEqual({ score, grade });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('says when a history breaks the date order it relies on, so the caller scores the record instead', () => {
    const event = (eventId: string, e: IdentifiedEvent['event']): IdentifiedEvent => ({ eventId, event: e });
    const timeline = new ScoreTimeline(METHODOLOGY_V1);
    timeline.add(
      event('e0', { type: 'EntityRegistered', data: { bin: '081140000436', name: 'E', stateSharePercent: 100 } }),
    );
    timeline.add(
      event('e1', {
        type: 'ConflictOfInterestDeclared',
        data: {
          declarationId: 'd',
          declarantIin: '860311300524',
          position: 'p',
          nature: 'n',
          declaredOn: '2025-03-01',
        },
      }),
    );
    timeline.add(
      event('e2', {
        type: 'ConflictOfInterestSettled',
        data: { declarationId: 'd', measure: 'recusal', decidedBy: 'c', settledOn: '2025-02-01' },
      }),
    );
    timeline.advanceTo(Date.parse('2025-06-01T00:00:00Z'));
    expect(timeline.regular).toBe(false);
  });

  it('never moves back in time', () => {
    const timeline = new ScoreTimeline(METHODOLOGY_V1);
    timeline.advanceTo(Date.parse('2025-06-01T00:00:00Z'));
    expect(() => timeline.advanceTo(Date.parse('2025-05-31T00:00:00Z'))).toThrow(RangeError);
  });
});
