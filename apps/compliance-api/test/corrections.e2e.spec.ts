import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aBin, IIN, OTHER_IIN, TestApp, type Reply } from './support/test-app.js';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const violation = { personIin: IIN, description: 'kept a gift from a supplier', occurredOn: daysAgo(30) };
const training = { completedOn: daysAgo(40), participants: 10, staffTotal: 20 };

/** Retracting and correcting recorded facts, over HTTP: every endpoint, role and refusal. */
describe('corrections: retraction and correction of recorded facts', () => {
  let api: TestApp;
  const entity = aBin();
  const foreign = aBin();

  beforeAll(async () => {
    api = await TestApp.start(undefined, { officerBins: [entity] });
    for (const bin of [entity, foreign]) {
      expect((await api.post('/v1/entities', { bin, name: `Company ${bin}`, stateSharePercent: 100 })).status).toBe(
        201,
      );
    }
  });
  afterAll(() => api.stop());

  const as = (who: 'admin' | 'officer' | 'registry' | 'auditor') => ({ authorization: `Bearer ${api.keys[who]}` });
  const record = async (path: string, body: object, bin = entity): Promise<Reply> => {
    const reply = await api.post(`/v1/entities/${bin}${path}`, body);
    expect(reply.status).toBe(201);
    return reply;
  };
  const retract = (eventId: string, body: object = { reason: 'recorded in error' }, headers = {}, bin = entity) =>
    api.post(`/v1/entities/${bin}/events/${eventId}/retraction`, body, headers);
  const correct = (eventId: string, data: object, headers = {}, bin = entity) =>
    api.post(`/v1/entities/${bin}/events/${eventId}/correction`, { reason: 'typed the wrong date', data }, headers);

  it('a retracted gift-ban violation stops counting; knownAt before the retraction still shows the lower score; history, score history and the feed show it', async () => {
    const bin = aBin();
    await api.post('/v1/entities', { bin, name: 'Retracting JSC', stateSharePercent: 100 });
    const before = (await api.request('GET', `/v1/entities/${bin}/score`)).body;
    const wrong = await record('/gift-ban-violations', violation, bin);
    const lowered = (await api.request('GET', `/v1/entities/${bin}/score`)).body;
    await new Promise((resolve) => setTimeout(resolve, 5)); // the two are known at distinct instants
    const retracted = await retract(wrong.body.eventId, { reason: 'recorded for the wrong entity' }, {}, bin);
    expect(retracted.status).toBe(201);
    const after = (await api.request('GET', `/v1/entities/${bin}/score`)).body;

    expect(lowered.score).toBe(before.score - 10);
    expect(after.score).toBe(before.score);
    expect(after.flags.map((f: { code: string }) => f.code)).not.toContain('GIFT_BAN_VIOLATION_36M');
    // what was published then
    const then = (await api.request('GET', `/v1/entities/${bin}/score?knownAt=${encodeURIComponent(lowered.knownAt)}`))
      .body;
    expect(then.score).toBe(lowered.score);
    const view = await api.request(
      'GET',
      `/v1/register/${bin}?knownAt=${encodeURIComponent(lowered.knownAt)}&minPosition=${retracted.body.position}`,
    );
    expect(view.body.rating.score).toBe(lowered.score);

    const history = await api.request(
      'GET',
      `/v1/entities/${bin}/score-history?minPosition=${retracted.body.position}`,
    );
    expect(history.body.changes.slice(-2)).toEqual([
      expect.objectContaining({ eventId: wrong.body.eventId, type: 'GiftBanViolationRecorded', score: lowered.score }),
      expect.objectContaining({ eventId: retracted.body.eventId, type: 'FactRetracted', score: before.score }),
    ]);
    const events = (await api.request('GET', `/v1/entities/${bin}/events`)).body.events;
    expect(events.find((e: { eventId: string }) => e.eventId === wrong.body.eventId)).toMatchObject({
      type: 'GiftBanViolationRecorded',
      data: violation,
      retractedBy: retracted.body.eventId,
    });
    const feed = (await api.request('GET', `/v1/register/changes?minPosition=${retracted.body.position}`)).body.changes;
    expect(feed.filter((c: { bin: string }) => c.bin === bin).at(-1)).toMatchObject({
      position: retracted.body.position,
      view: {
        rating: { score: before.score },
        flags: expect.not.arrayContaining([expect.objectContaining({ code: 'GIFT_BAN_VIOLATION_36M' })]),
      },
    });
  });

  it('a correction puts the complete corrected data in place, the latest winning, marked in the history', async () => {
    const recorded = await record('/trainings', training);
    const first = await correct(recorded.body.eventId, { ...training, participants: 15 });
    const second = await correct(recorded.body.eventId, { ...training, participants: 20 });
    expect([first.status, second.status]).toEqual([201, 201]);

    const profile = await api.request('GET', `/v1/entities/${entity}?minPosition=${second.body.position}`);
    expect(profile.body.trainings).toEqual([{ ...training, participants: 20 }]);
    const events = (await api.request('GET', `/v1/entities/${entity}/events`)).body.events;
    expect(events.find((e: { eventId: string }) => e.eventId === recorded.body.eventId)).toMatchObject({
      data: training,
      correctedBy: [first.body.eventId, second.body.eventId],
    });
  });

  it('checks the corrected data as the endpoint that recorded the fact does, naming each field under data', async () => {
    const issued = await record('/certificates', {
      certificateId: 'c-corr',
      certificateNumber: 'KZ-1',
      standard: 'ISO_37001',
      certificationBody: 'Body',
      issuedOn: daysAgo(100),
      expiresOn: '2029-01-01',
    });
    const id = issued.body.eventId;
    const body = (await api.request('GET', `/v1/entities/${entity}/events`)).body.events.find(
      (e: { eventId: string }) => e.eventId === id,
    ).data;
    const before = (await api.events(entity)).length;

    const invalid = await correct(id, { ...body, standard: 'ISO_9001', colour: 'red', issuedOn: undefined });
    expect(invalid).toMatchObject({ status: 400, body: { type: 'urn:compliance-engine:problem:validation-failed' } });
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'data.colour',
      'data.issuedOn',
      'data.standard',
    ]);
    expect(await correct(id, { ...body, certificateId: 'c-other' })).toMatchObject({
      status: 400,
      body: { rule: 'identifier-cannot-change', errors: [{ field: 'data.certificateId' }] },
    });
    expect(await correct(id, { ...body, expiresOn: daysAgo(200) })).toMatchObject({
      status: 400,
      body: { rule: 'expiry-not-after-issue', errors: [{ field: 'data.expiresOn' }] },
    });
    await record('/certificates/c-corr/surveillance-audits', { auditedOn: daysAgo(50), outcome: 'passed' });
    expect(await correct(id, { ...body, issuedOn: daysAgo(10) })).toMatchObject({
      status: 409,
      body: { rule: 'impossible-date-order' },
    });
    expect(await api.events(entity)).toHaveLength(before + 1); // the audit, and nothing of the refusals
  });

  it('refuses what may not be amended, by name, writing nothing', async () => {
    const registration = (await api.events(entity))[0].eventId;
    const wrong = await record('/gift-ban-violations', violation);
    const retraction = await retract(wrong.body.eventId);
    const unknown = '0190aaaa-0000-7000-8000-000000000000';
    const ofAnother = (await api.events(foreign))[0].eventId;
    const before = (await api.events(entity)).length;

    const refusals = await Promise.all([
      retract(unknown),
      retract(ofAnother),
      retract(registration),
      retract(retraction.body.eventId),
      retract(wrong.body.eventId),
      correct(wrong.body.eventId, violation),
      api.post(`/v1/entities/${entity}/events/not-an-id/retraction`, { reason: 'r' }),
      retract(wrong.body.eventId, {}),
    ]);
    expect(refusals.map((r) => [r.status, r.body.type?.split(':').at(-1)])).toEqual([
      [404, 'event-not-found'],
      [404, 'event-not-found'],
      [409, 'fact-not-correctable'],
      [409, 'fact-not-correctable'],
      [409, 'fact-already-retracted'],
      [409, 'fact-already-retracted'],
      [400, 'validation-failed'],
      [400, 'validation-failed'],
    ]);
    // an event of another entity is simply not found: nothing about it leaks
    expect(refusals[1].body.detail).toBe(refusals[0].body.detail.replace(unknown, ofAnother));
    expect(await api.events(entity)).toHaveLength(before);
  });

  it("refuses a correction whose data is no correctable fact's body as invalid, before saying the fact cannot be corrected", async () => {
    const registration = (await api.events(entity))[0].eventId;
    const unknown = '0190aaaa-0000-7000-8000-000000000000';
    const before = (await api.events(entity)).length;
    for (const target of [registration, unknown]) {
      const invalid = await correct(target, {});
      expect([invalid.status, invalid.body.type?.split(':').at(-1), invalid.body.errors]).toEqual([
        400,
        'validation-failed',
        [{ field: 'data', message: 'data must be the body of a fact that can be corrected' }],
      ]);
    }
    // the body of some correctable fact: the fact's own refusal stands
    expect((await correct(registration, violation)).body.type).toMatch(/fact-not-correctable$/);
    expect((await correct(unknown, violation)).body.type).toMatch(/event-not-found$/);
    expect(await api.events(entity)).toHaveLength(before);
  });

  it('refuses to retract a fact that later facts depend on, listing them', async () => {
    const declared = await record('/conflicts-of-interest', {
      declarationId: 'dep-1',
      declarantIin: IIN,
      position: 'buyer',
      nature: 'relative at a supplier',
      declaredOn: daysAgo(20),
    });
    const settled = await record('/conflicts-of-interest/dep-1/settlement', {
      measure: 'recusal',
      decidedBy: 'commission',
      settledOn: daysAgo(10),
    });

    expect(await retract(declared.body.eventId)).toMatchObject({
      status: 409,
      body: { rule: 'fact-has-dependents', dependents: [settled.body.eventId] },
    });
    expect((await retract(settled.body.eventId)).status).toBe(201);
    expect((await retract(declared.body.eventId)).status).toBe(201);
  });

  it('lets an officer amend its own entities, the register operator its indices, an admin all, an auditor nothing', async () => {
    const fact = await record('/trainings', training);
    const index = await record('/register-indices', {
      index: 'payment_discipline',
      value: 80,
      source: 'State Revenue Committee',
      asOf: daysAgo(3),
    });
    const foreignFact = await record('/trainings', training, foreign);

    expect((await retract(index.body.eventId, undefined, as('officer'))).status).toBe(403);
    expect((await retract(fact.body.eventId, undefined, as('registry'))).status).toBe(403);
    expect((await retract(fact.body.eventId, undefined, as('auditor'))).status).toBe(403);
    expect((await retract(foreignFact.body.eventId, undefined, as('officer'), foreign)).status).toBe(403);
    expect(
      (
        await correct(
          index.body.eventId,
          { index: 'payment_discipline', value: 85, source: 'SRC', asOf: daysAgo(3) },
          as('registry'),
        )
      ).status,
    ).toBe(201);
    expect((await retract(fact.body.eventId, undefined, as('officer'))).status).toBe(201);
    expect((await retract(foreignFact.body.eventId, undefined, as('admin'), foreign)).status).toBe(201);
  });

  it('is retry-safe with an Idempotency-Key, and appends only at the revision in If-Match', async () => {
    const fact = await record('/trainings', training);
    const key = { 'idempotency-key': `retract-${fact.body.eventId}` };
    const first = await retract(fact.body.eventId, undefined, key);
    const again = await retract(fact.body.eventId, undefined, key);
    expect(again).toMatchObject({ status: 201, body: first.body, headers: { 'idempotent-replayed': 'true' } });

    const other = await record('/trainings', training);
    const stale = await correct(
      other.body.eventId,
      { ...training, participants: 1 },
      { 'if-match': `"${first.body.revision}"` },
    );
    expect(stale).toMatchObject({ status: 412, body: { type: 'urn:compliance-engine:problem:revision-mismatch' } });
  });

  it('flags the lifetime ban across entities: the register view cites only the appointing entity, the auditor sees both', async () => {
    const convicting = aBin();
    const appointing = aBin();
    await api.post('/v1/entities', { bin: convicting, name: 'Where convicted', stateSharePercent: 100 });
    await api.post('/v1/entities', { bin: appointing, name: 'Where appointed', stateSharePercent: 100 });
    await record(
      '/corruption-offences',
      {
        offenceId: 'lb',
        employeeIin: OTHER_IIN,
        position: 'clerk',
        category: 'bribe_taking',
        registeredOn: daysAgo(300),
      },
      convicting,
    );
    const conviction = await record('/corruption-offences/lb/conviction', { convictedOn: daysAgo(200) }, convicting);
    const appointment = await record(
      '/heads',
      { iin: OTHER_IIN, fullName: 'Head Person', position: 'chairman', appointedOn: daysAgo(100) },
      appointing,
    );

    const view = await api.request('GET', `/v1/register/${appointing}?minPosition=${appointment.body.position}`);
    expect(view.body.flags).toContainEqual({ code: 'LIFETIME_BAN_BREACH', eventIds: [appointment.body.eventId] });
    expect(view.body.clearWave.unmet).toContain('NO_LIFETIME_BAN_BREACH');
    expect(JSON.stringify(view.body)).not.toContain(OTHER_IIN);
    const score = await api.request('GET', `/v1/entities/${appointing}/score`, undefined, as('auditor'));
    expect(score.body.flags).toContainEqual({
      code: 'LIFETIME_BAN_BREACH',
      eventIds: [appointment.body.eventId, conviction.body.eventId],
    });

    const lifted = await retract(conviction.body.eventId, { reason: 'quashed on appeal' }, {}, convicting);
    const after = await api.request('GET', `/v1/register/${appointing}?minPosition=${lifted.body.position}`);
    expect(after.body.flags.map((f: { code: string }) => f.code)).not.toContain('LIFETIME_BAN_BREACH');
  });
});
