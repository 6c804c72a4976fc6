import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  giftBanViolation,
  headAppointed,
  HOLDING,
  IIN,
  offenceConvicted,
  ProjectionSpec,
  registered,
  service,
  SUBSIDIARY,
} from './support/projection-spec.js';

const at = (text: string) => Date.parse(text);
const flagsOf = (answer: unknown) =>
  answer && typeof answer === 'object' && 'view' in answer
    ? (answer as { view: { flags: { code: string; eventIds: string[] }[] } }).view.flags
    : [];

describe('corrections and the lifetime ban, on the read side', () => {
  let spec: ProjectionSpec;
  beforeEach(() => {
    spec = new ProjectionSpec();
  });
  afterEach(() => spec.close());

  it('a retraction takes the fact out of every view, and the score history attributes the change to it', async () => {
    await spec.given(HOLDING, [registered(HOLDING), service('2020-01-01')], '2025-01-01T00:00:00Z');
    await spec.given(HOLDING, [giftBanViolation('2024-12-01')], '2025-01-02T00:00:00Z');
    const [, , violation] = await spec.stored(HOLDING);
    await spec.given(
      HOLDING,
      [{ type: 'FactRetracted', data: { retractedEventId: violation.eventId, reason: 'wrong entity' } }],
      '2025-01-03T00:00:00Z',
    );
    const retraction = (await spec.stored(HOLDING))[3];

    expect(spec.readModels.scoreHistory.page(HOLDING, 0, 10).map(({ eventId, score }) => [eventId, score])).toEqual([
      [(await spec.stored(HOLDING))[0].eventId, 50],
      [(await spec.stored(HOLDING))[1].eventId, 60],
      [violation.eventId, 50],
      [retraction.eventId, 60],
    ]);
    const now = spec.readModels.registerViews.at(HOLDING, at('2025-02-01T00:00:00Z'), at('2025-02-01T00:00:00Z'));
    const then = spec.readModels.registerViews.at(HOLDING, at('2025-02-01T00:00:00Z'), at('2025-01-02T12:00:00Z'));
    expect(now && 'view' in now ? now.view.rating.score : undefined).toBe(60);
    expect(then && 'view' in then ? then.view.rating.score : undefined).toBe(50); // what was published then
  });

  it('a conviction at one entity flags the entity where the person is head, lists it in the changes feed, and a retraction lifts it', async () => {
    const appointed = headAppointed('2024-06-01');
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY), appointed], '2025-01-01T00:00:00Z');
    await spec.given(
      HOLDING,
      [
        registered(HOLDING),
        ...offenceConvicted({ position: 'clerk', registeredOn: '2024-01-01', convictedOn: '2024-03-01' }),
      ],
      '2025-02-01T00:00:00Z',
    );
    const conviction = (await spec.stored(HOLDING))[2];
    const appointment = (await spec.stored(SUBSIDIARY))[1];
    const asOf = at('2025-03-01T00:00:00Z');

    expect(flagsOf(spec.readModels.registerViews.at(SUBSIDIARY, asOf, asOf))).toContainEqual({
      code: 'LIFETIME_BAN_BREACH',
      eventIds: [appointment.eventId], // the register cites the appointing entity's events only
    });
    expect(
      flagsOf(spec.readModels.registerViews.at(SUBSIDIARY, asOf, at('2025-01-15T00:00:00Z'))).map((f) => f.code),
    ).not.toContain('LIFETIME_BAN_BREACH'); // not yet known then
    expect(spec.readModels.changes.after(undefined, 100).changes).toContainEqual({
      position: conviction.position,
      bin: SUBSIDIARY,
    });
    expect(spec.readModels.lifetimeBan.convictionsOf(asOf)(IIN)).toEqual([
      { bin: HOLDING, eventId: conviction.eventId, at: at('2024-03-01T00:00:00+05:00') },
    ]);

    await spec.given(
      HOLDING,
      [{ type: 'FactRetracted', data: { retractedEventId: conviction.eventId, reason: 'quashed on appeal' } }],
      '2025-04-01T00:00:00Z',
    );
    const later = at('2025-05-01T00:00:00Z');
    expect(flagsOf(spec.readModels.registerViews.at(SUBSIDIARY, later, later)).map((f) => f.code)).not.toContain(
      'LIFETIME_BAN_BREACH',
    );
    // known at a moment between the conviction and its retraction, the flag stands
    expect(
      flagsOf(spec.readModels.registerViews.at(SUBSIDIARY, later, at('2025-03-15T00:00:00Z'))).map((f) => f.code),
    ).toContain('LIFETIME_BAN_BREACH');
  });

  it("a conviction of the entity's own head lists the entity once at the conviction, the projection carrying on", async () => {
    const appointed = headAppointed('2024-06-01');
    await spec.given(HOLDING, [registered(HOLDING), appointed], '2025-01-01T00:00:00Z');
    await spec.given(
      HOLDING,
      [...offenceConvicted({ position: 'chair', registeredOn: '2024-07-01', convictedOn: '2024-09-01' })],
      '2025-02-01T00:00:00Z',
    );
    const conviction = (await spec.stored(HOLDING))[3];
    const atConviction = spec.readModels.changes
      .after(undefined, 100)
      .changes.filter((change) => change.position === conviction.position);
    expect(atConviction).toEqual([{ position: conviction.position, bin: HOLDING }]);
    expect(spec.readModels.checkpoint()).toBe(conviction.position);
  });
});
