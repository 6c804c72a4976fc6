import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { entityProfile } from '#domain';
import type { Position, RecordedEvent } from '#event-store';
import {
  certificate,
  HOLDING,
  ProjectionSpec,
  registered,
  service,
  SUBSIDIARY,
  training,
} from './support/projection-spec.js';

/** An event as a damaged log could hand it over: `revision` reused or skipped, another id, another position. */
function impostor(
  original: RecordedEvent,
  changes: Omit<Partial<RecordedEvent>, 'position'> & { position: string },
): RecordedEvent {
  return {
    ...original,
    eventId: '0190aaaa-0000-7000-8000-000000000001',
    ...changes,
    position: changes.position as Position,
  };
}

describe("entity records: each entity's events, admitted only where its stream continues", () => {
  let spec: ProjectionSpec;
  beforeEach(() => {
    spec = new ProjectionSpec();
  });
  afterEach(() => spec.close());

  it("given an entity's events, keeps them and folds its record: the profile says what they recorded", async () => {
    await spec.given(HOLDING, [
      registered(HOLDING),
      service('2020-01-01'),
      certificate('c1', '2024-01-10', '2027-01-10'),
    ]);

    const history = spec.readModels.entities.load(HOLDING);

    expect(history).toMatchObject({ bin: HOLDING, revision: 2 });
    expect(history?.events.map((e) => e.event.type)).toEqual([
      'EntityRegistered',
      'ComplianceServiceEstablished',
      'CertificateIssued',
    ]);
    expect(entityProfile(history!.record)).toMatchObject({
      bin: HOLDING,
      complianceService: { establishedOn: '2020-01-01' },
      certificates: [{ certificateId: 'c1', status: 'active', expiresOn: '2027-01-10' }],
    });
  });

  it('when more events arrive, extends the record kept in memory exactly as folding them all at once', async () => {
    await spec.given(HOLDING, [registered(HOLDING), service('2020-01-01')]);
    const before = spec.readModels.entities.load(HOLDING);
    await spec.when(HOLDING, [training('2025-02-01')]);

    const extended = spec.readModels.entities.load(HOLDING);
    spec.readModels.entities.forgetCached();
    const reread = spec.readModels.entities.load(HOLDING);

    expect(before?.revision).toBe(1);
    expect(extended).toEqual(reread);
    expect(extended?.record.trainings).toHaveLength(1);
  });

  it('when the log hands over an event at a revision the entity already had, sets that entity aside and goes on with the others', async () => {
    await spec.given(HOLDING, [registered(HOLDING), service('2020-01-01')]);
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY)]);
    const [, last] = await spec.stored(HOLDING);
    const reused = impostor(last, { position: '00000000000000000100' });

    spec.readModels.apply([reused]);
    await spec.when(SUBSIDIARY, [service('2021-01-01')]);

    expect(spec.readModels.quarantine.of(HOLDING)).toMatchObject({ code: 'revision-reused', revision: 1 });
    expect(spec.readModels.entities.load(HOLDING)?.revision).toBe(1); // nothing of the impostor kept
    expect(spec.readModels.entities.load(SUBSIDIARY)?.revision).toBe(1);
    expect(spec.readModels.quarantine.of(SUBSIDIARY)).toBeUndefined();
    expect(spec.logged.join('\n')).toContain(`Entity ${HOLDING} set aside (revision-reused`);
  });

  it('when the log skips revisions, or hands over an event not chained to the one before, names that too', async () => {
    await spec.given(HOLDING, [registered(HOLDING), service('2020-01-01')]);
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY), service('2020-01-01')]);
    const [, holdingLast] = await spec.stored(HOLDING);
    const [, subsidiaryLast] = await spec.stored(SUBSIDIARY);

    spec.readModels.apply([
      impostor(holdingLast, { revision: 3, position: '00000000000000000100' }),
      impostor(subsidiaryLast, {
        revision: 2,
        position: '00000000000000000101',
        metadata: { ...(subsidiaryLast.metadata as object), prevHash: 'f'.repeat(64) },
      }),
    ]);

    expect(spec.readModels.quarantine.of(HOLDING)).toMatchObject({ code: 'revision-skipped', revision: 3 });
    expect(spec.readModels.quarantine.of(SUBSIDIARY)).toMatchObject({ code: 'chain-broken', revision: 2 });
  });

  it('when an event cannot be read, sets its entity aside instead of stopping the projection', async () => {
    await spec.given(HOLDING, [registered(HOLDING)]);
    const [first] = await spec.stored(HOLDING);
    const garbled = impostor(first, {
      revision: 1,
      position: '00000000000000000100',
      type: 'CertificateIssued',
      data: { certificateId: 'c1', issuedOn: 'last Tuesday', expiresOn: '2027-01-01' },
      metadata: { ...(first.metadata as object), prevHash: (first.metadata as { hash: string }).hash },
    });

    expect(() => spec.readModels.apply([garbled])).not.toThrow();

    expect(spec.readModels.quarantine.of(HOLDING)).toMatchObject({ code: 'undecodable-event', revision: 1 });
    expect(spec.readModels.quarantine.of(HOLDING)?.detail).toContain('issuedOn is not a date');
  });

  it('skips every later event of an entity set aside, and keeps it aside across a restart', async () => {
    await spec.given(HOLDING, [registered(HOLDING), service('2020-01-01')]);
    const [, last] = await spec.stored(HOLDING);
    spec.readModels.apply([impostor(last, { position: '00000000000000000100' })]);

    await spec.when(HOLDING, [training('2025-01-01')]);

    expect(spec.readModels.entities.load(HOLDING)?.revision).toBe(1);
    spec.readModels.quarantine.reload();
    expect(spec.readModels.quarantine.all().map((q) => q.bin)).toEqual([HOLDING]);
  });
});
