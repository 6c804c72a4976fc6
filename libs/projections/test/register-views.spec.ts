import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { METHODOLOGY_V1, registerView } from '#domain';
import { servedView, storedView } from '#projections';
import { certificate, HOLDING, ProjectionSpec, registered, service, SUBSIDIARY } from './support/projection-spec.js';

const at = (text: string) => Date.parse(text);
const viewOf = (answer: ReturnType<ProjectionSpec['readModels']['registerViews']['current']>) =>
  answer && 'json' in answer ? JSON.parse(answer.json) : answer;

describe('ratings and register views: rated by the projection, only read by requests', () => {
  let spec: ProjectionSpec;
  beforeEach(() => {
    spec = new ProjectionSpec();
  });
  afterEach(() => spec.close());

  it('given events, leaves their entity due: a read computes its view, and the clock stores the view computed then', async () => {
    await spec.given(HOLDING, [registered(HOLDING, { sector: 'energy' })]);
    await spec.given(HOLDING, [service('2020-01-01')]);

    expect(spec.readModels.ratings.stored(HOLDING)).toBeUndefined();
    expect(spec.readModels.ratings.list({}, undefined, 10)).toEqual([]); // never rated yet
    // a read meanwhile computes the view, and writes nothing
    expect(viewOf(spec.readModels.registerViews.current(HOLDING))).toMatchObject({
      bin: HOLDING,
      rating: { score: 60 },
    });
    expect(spec.readModels.ratings.stored(HOLDING)).toBeUndefined();

    await spec.readModels.rateDue(Date.now());

    const stored = spec.readModels.ratings.stored(HOLDING)!;
    const served = viewOf(spec.readModels.registerViews.current(HOLDING, stored.validFrom));
    const history = spec.readModels.entities.load(HOLDING)!;
    expect(served).toEqual({
      ...registerView(HOLDING, history.record, stored.validFrom, METHODOLOGY_V1),
      knownAt: new Date(stored.validFrom).toISOString(),
    });
    expect(spec.readModels.ratings.list({ sector: 'energy' }, undefined, 10)).toMatchObject([
      { bin: HOLDING, score: 60, grade: 'C', certified: false },
    ]);
  });

  it('serves a stored view stamped with the instant it answers, whatever text the view holds', () => {
    const view = {
      bin: HOLDING,
      name: 'Says "asOf":"\u0000" and "knownAt":"\u0000"',
      rating: { score: 60, grade: 'C', asOf: 'x', methodologyVersion: 'v1' },
      knownAt: 'x',
    } as unknown as Parameters<typeof storedView>[0];
    const at = Date.parse('2026-11-28T12:00:00.123Z');
    for (const when of [at, at, at + 1]) {
      const instant = new Date(when).toISOString();
      expect(JSON.parse(servedView(storedView(view), when))).toEqual({
        ...view,
        rating: { ...view.rating, asOf: instant },
        knownAt: instant,
      });
    }
  });

  it('mirrors every stored view in memory at start-up, except those due to be rated again', async () => {
    await spec.given(HOLDING, [registered(HOLDING)]);
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY, { parentBin: HOLDING })]);
    await spec.readModels.rateDue(Date.now());
    const holding = spec.readModels.ratings.stored(HOLDING)!;
    await spec.given(SUBSIDIARY, [service('2020-01-01')]); // due again: its stored view is no longer served
    spec.readModels.ratings.forgetMirrored(); // as a process starts: memory holds nothing

    expect(await spec.readModels.mirrorRegisterViews()).toBe(1);
    expect(spec.readModels.ratings.mirroredCount).toBe(1);
    expect(spec.readModels.ratings.stored(HOLDING)).toEqual(holding);
    expect(spec.readModels.ratings.stored(SUBSIDIARY)).toBeUndefined();
    expect(spec.readModels.ratings.mirroredCount).toBe(1);
    expect(viewOf(spec.readModels.registerViews.current(HOLDING, holding.validFrom))).toEqual(
      JSON.parse(servedView(holding.view, holding.validFrom)),
    );
  });

  it('when more events arrive, keeps listing the latest rating (saying when it was made) until the clock rates again', async () => {
    await spec.given(HOLDING, [registered(HOLDING)]);
    await spec.readModels.caughtUp();
    const [before] = spec.readModels.ratings.list({}, undefined, 10);

    await spec.given(HOLDING, [service('2020-01-01')]);

    expect(spec.readModels.ratings.list({}, undefined, 10)).toEqual([before]);
    expect(viewOf(spec.readModels.registerViews.current(HOLDING)).rating.score).toBe(60);
    await spec.readModels.rateDue(Date.now());
    expect(spec.readModels.ratings.list({}, undefined, 10)).toMatchObject([{ bin: HOLDING, score: 60 }]);
    expect(before.score).toBe(50);
  });

  it('when time alone changes the view (a certificate valid through its expiry day, expired at the next midnight), serves it computed, and the clock stores it', async () => {
    await spec.given(HOLDING, [registered(HOLDING), certificate('c1', '2024-01-10', '2026-12-31')]);
    // the clock's turn on the last evening of the certificate (live events are rated at the wall clock's now)
    await spec.readModels.rateDue(at('2026-12-31T20:00:00+05:00'));
    const stored = spec.readModels.ratings.stored(HOLDING)!;
    const midnight = at('2027-01-01T00:00:00+05:00');

    expect(stored.validUntil).toBe(midnight);
    expect(viewOf(spec.readModels.registerViews.current(HOLDING, midnight - 1)).indicators.certificate.status).toBe(
      'valid',
    );
    expect(viewOf(spec.readModels.registerViews.current(HOLDING, midnight)).indicators.certificate.status).toBe(
      'expired',
    );
    expect(spec.readModels.ratings.stored(HOLDING)).toEqual(stored); // the read wrote nothing

    await spec.readModels.rateDue(midnight);

    expect(spec.readModels.ratings.stored(HOLDING)?.validFrom).toBe(midnight);
    expect(spec.readModels.ratings.list({ certified: false }, undefined, 10).map((r) => r.bin)).toEqual([HOLDING]);
  });

  it('answers a view at any instant from the events recorded by then, and withholds an entity set aside', async () => {
    await spec.given(HOLDING, [registered(HOLDING)], '2025-01-01T00:00:00Z');
    await spec.given(HOLDING, [service('2025-02-01')], '2025-03-01T00:00:00Z');
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY)]);

    const then = spec.readModels.registerViews.at(HOLDING, at('2025-06-01T00:00:00Z'), at('2025-02-01T00:00:00Z'));
    const now = spec.readModels.registerViews.at(HOLDING, at('2025-06-01T00:00:00Z'), at('2025-06-01T00:00:00Z'));
    expect(then && 'view' in then ? then.view.rating.score : undefined).toBe(50);
    expect(now && 'view' in now ? now.view.rating.score : undefined).toBe(60);
    expect(spec.readModels.registerViews.at(HOLDING, Date.now(), at('2024-01-01T00:00:00Z'))).toBeUndefined();

    const [first] = await spec.stored(SUBSIDIARY);
    spec.readModels.apply([
      { ...first, eventId: '0190aaaa-0000-7000-8000-000000000002', position: '00000000000000000099' as never },
    ]);
    expect(spec.readModels.registerViews.current(SUBSIDIARY)).toMatchObject({ withheld: { code: 'revision-reused' } });
  });
});
