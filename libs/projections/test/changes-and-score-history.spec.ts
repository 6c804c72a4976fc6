import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { METHODOLOGY_V1, scoreEntity } from '#domain';
import {
  certificate,
  giftBanViolation,
  HOLDING,
  ProjectionSpec,
  registered,
  service,
  SUBSIDIARY,
  training,
} from './support/projection-spec.js';

describe('the changes feed: which entities changed, in log order', () => {
  let spec: ProjectionSpec;
  beforeEach(() => {
    spec = new ProjectionSpec();
  });
  afterEach(() => spec.close());

  it('lists each entity once per page, at its latest position, and pages on from where it stopped', async () => {
    await spec.given(HOLDING, [registered(HOLDING), service('2020-01-01')]);
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY)]);
    await spec.given(HOLDING, [training('2025-01-01')]);

    const first = spec.readModels.changes.after(undefined, 3);
    const rest = spec.readModels.changes.after(first.scannedUpTo, 100);

    expect(first.changes.map((c) => c.bin)).toEqual([HOLDING, SUBSIDIARY]);
    expect(rest.changes.map((c) => c.bin)).toEqual([HOLDING]);
    expect(spec.readModels.changes.after(rest.scannedUpTo, 100)).toEqual({
      changes: [],
      scannedUpTo: rest.scannedUpTo,
    });
  });
});

describe('score history: each change of score or grade, kept as events arrive', () => {
  let spec: ProjectionSpec;
  beforeEach(() => {
    spec = new ProjectionSpec();
  });
  afterEach(() => spec.close());

  it('given events recorded over time, keeps only the changes, each attributed to the event that caused it', async () => {
    await spec.given(HOLDING, [registered(HOLDING)], '2025-01-01T00:00:00Z');
    await spec.given(HOLDING, [service('2024-12-01')], '2025-01-02T00:00:00Z');
    await spec.given(HOLDING, [training('2024-12-15', 0, 10)], '2025-01-03T00:00:00Z'); // no points: no change
    await spec.given(HOLDING, [certificate('c1', '2024-12-20', '2027-12-20')], '2025-01-04T00:00:00Z');
    await spec.given(HOLDING, [giftBanViolation('2024-12-30')], '2025-01-05T00:00:00Z');

    const stored = await spec.stored(HOLDING);
    expect(spec.readModels.scoreHistory.page(HOLDING, 0, 100)).toEqual([
      {
        eventId: stored[0].eventId,
        type: 'EntityRegistered',
        revision: 0,
        recordedAt: '2025-01-01T00:00:00.000Z',
        score: 50,
        grade: 'C',
      },
      {
        eventId: stored[1].eventId,
        type: 'ComplianceServiceEstablished',
        revision: 1,
        recordedAt: '2025-01-02T00:00:00.000Z',
        score: 60,
        grade: 'C',
      },
      {
        eventId: stored[3].eventId,
        type: 'CertificateIssued',
        revision: 3,
        recordedAt: '2025-01-04T00:00:00.000Z',
        score: 85,
        grade: 'A',
      },
      {
        eventId: stored[4].eventId,
        type: 'GiftBanViolationRecorded',
        revision: 4,
        recordedAt: '2025-01-05T00:00:00.000Z',
        score: 75,
        grade: 'B',
      },
    ]);
    expect(spec.readModels.scoreHistory.page(HOLDING, 2, 2).map((c) => c.revision)).toEqual([3, 4]);
  });

  it('after each event, holds the score that scoring everything recorded by then gives, also when started again mid-history', async () => {
    const days = Array.from(
      { length: 40 },
      (_, n) => new Date(Date.parse('2024-01-01T00:00:00Z') + n * 9 * 86_400_000),
    );
    const day = (n: number) => days[n].toISOString().slice(0, 10);
    const events = [
      registered(HOLDING),
      ...days
        .slice(1)
        .map((_, n) =>
          n % 4 === 0
            ? giftBanViolation(day(n))
            : n % 4 === 1
              ? training(day(n), 3, 10)
              : n % 4 === 2
                ? service(day(n))
                : certificate(`c${n}`, day(n), '2030-01-01'),
        ),
    ];
    for (const [n, event] of events.entries()) {
      if (n === 20) spec.readModels.scoreHistory.forgetRunning(); // as after a restart: rebuilt from the stored events
      await spec.given(HOLDING, [event], days[n].toISOString());
    }

    const stored = await spec.stored(HOLDING);
    const expected: { revision: number; score: number }[] = [];
    for (let n = 0; n < stored.length; n++) {
      const { score } = scoreEntity(
        stored.slice(0, n + 1).map((e) => ({ eventId: e.eventId, event: events[e.revision] })),
        days[n].getTime(),
        METHODOLOGY_V1,
      );
      if (expected.at(-1)?.score !== score) expected.push({ revision: n, score });
    }
    expect(
      spec.readModels.scoreHistory.page(HOLDING, 0, 1000).map(({ revision, score }) => ({ revision, score })),
    ).toEqual(expected);
  });
});
