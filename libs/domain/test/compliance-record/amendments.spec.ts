import { describe, expect, it } from '@jest/globals';
import {
  decide,
  entityProfile,
  factsOf,
  instantOf,
  METHODOLOGY_V1,
  recordEntries,
  registerView,
  replay,
  scoreRecord,
  type ComplianceCommand,
  type ComplianceEvent,
  type Conviction,
  type IdentifiedEvent,
  type RuleViolation,
} from '#domain';

const BIN = '081140000436';
const IIN = '860311300524';
const OTHER = '900101300126';

let serial = 0;
const fact = (event: ComplianceEvent): IdentifiedEvent => ({ eventId: `e${++serial}-${event.type}`, event });
const given = (...history: IdentifiedEvent[]) => ({
  when: (command: ComplianceCommand): ComplianceEvent[] | RuleViolation => decide(command, replay(history)),
});
const retract = (retractedEventId: string, reason = 'recorded in error'): ComplianceCommand => ({
  type: 'RetractFact',
  data: { retractedEventId, reason },
});
const correct = (correctedEventId: string, data: Record<string, unknown>): ComplianceCommand => ({
  type: 'CorrectFact',
  data: { correctedEventId, reason: 'wrong date', data },
});
const asEvent = (command: ComplianceCommand): IdentifiedEvent =>
  fact({
    type: command.type === 'RetractFact' ? 'FactRetracted' : 'FactCorrected',
    data: command.data,
  } as ComplianceEvent);

const registered = fact({ type: 'EntityRegistered', data: { bin: BIN, name: 'KTZ', stateSharePercent: 100 } });
const issue = fact({
  type: 'CertificateIssued',
  data: {
    certificateId: 'c1',
    certificateNumber: 'KZ-1',
    standard: 'ISO_37001',
    certificationBody: 'Body',
    issuedOn: '2025-01-10',
    expiresOn: '2028-01-10',
  },
});
const audit = fact({
  type: 'SurveillanceAuditCompleted',
  data: { certificateId: 'c1', auditedOn: '2025-06-10', outcome: 'passed' },
});
const suspension = fact({
  type: 'CertificateSuspended',
  data: { certificateId: 'c1', suspendedOn: '2025-07-01', reason: 'r' },
});
const reinstatement = fact({
  type: 'CertificateReinstated',
  data: { certificateId: 'c1', reinstatedOn: '2025-08-01' },
});
const declared = fact({
  type: 'ConflictOfInterestDeclared',
  data: { declarationId: 'd1', declarantIin: IIN, position: 'buyer', nature: 'relative', declaredOn: '2025-02-01' },
});
const settled = fact({
  type: 'ConflictOfInterestSettled',
  data: { declarationId: 'd1', measure: 'recusal', decidedBy: 'commission', settledOn: '2025-02-20' },
});
const gift = fact({
  type: 'GiftReported',
  data: {
    giftId: 'g1',
    recipientIin: IIN,
    recipientIsFamilyMember: false,
    donor: 'd',
    description: 'pen',
    valueKzt: 1,
    receivedOn: '2025-03-01',
  },
});
const handOver = fact({
  type: 'GiftHandedOver',
  data: { giftId: 'g1', handedOverOn: '2025-03-02', handedOverTo: 'x' },
});
const offence = fact({
  type: 'CorruptionOffenceRegistered',
  data: { offenceId: 'o1', employeeIin: IIN, position: 'p', category: 'fraud', registeredOn: '2025-04-01' },
});
const conviction = fact({ type: 'CorruptionOffenceConvicted', data: { offenceId: 'o1', convictedOn: '2025-05-01' } });
const sanction = fact({
  type: 'PersonalResponsibilitySanctionImposed',
  data: {
    sanctionId: 's1',
    headIin: OTHER,
    headPosition: 'chair',
    sanction: 'reprimand',
    offenceId: 'o1',
    imposedOn: '2025-04-15',
  },
});
const appointed = fact({
  type: 'HeadAppointed',
  data: { iin: IIN, fullName: 'H', position: 'chair', appointedOn: '2025-01-01' },
});
const dismissed = fact({ type: 'HeadDismissed', data: { iin: IIN, dismissedOn: '2025-09-01' } });
const violationOf = fact({
  type: 'GiftBanViolationRecorded',
  data: { personIin: IIN, description: 'kept a gift', occurredOn: '2025-05-05' },
});

const rule = (outcome: ComplianceEvent[] | RuleViolation) => (Array.isArray(outcome) ? 'recorded' : outcome.rule);

describe('retracting a fact recorded in error', () => {
  it('records FactRetracted; the fact stops counting everywhere, and stays on record, marked', () => {
    const retraction = asEvent(retract(violationOf.eventId));
    expect(given(registered, violationOf).when(retract(violationOf.eventId))).toEqual([
      { type: 'FactRetracted', data: { retractedEventId: violationOf.eventId, reason: 'recorded in error' } },
    ]);

    const record = replay([registered, violationOf, retraction]);
    const asOf = instantOf('2025-06-01');

    expect(record.giftBanViolations).toEqual([]);
    expect(scoreRecord(record, asOf, METHODOLOGY_V1).score).toBe(
      scoreRecord(replay([registered]), asOf, METHODOLOGY_V1).score,
    );
    expect(recordEntries(record).map((e) => [e.eventId, e.retractedBy])).toEqual([
      [registered.eventId, undefined],
      [violationOf.eventId, retraction.eventId],
      [retraction.eventId, undefined],
    ]);
    expect(entityProfile(record)?.giftBanViolations).toEqual([]);
  });

  it('refuses an event not in this record (404), a registration or an amendment (409), a fact retracted already (409)', () => {
    const retraction = asEvent(retract(violationOf.eventId));
    const history = [registered, violationOf, retraction];
    expect(rule(given(...history).when(retract('0190ffff-0000-7000-8000-000000000000')))).toBe('event-not-found');
    expect(rule(given(...history).when(retract(registered.eventId)))).toBe('fact-not-correctable');
    expect(rule(given(...history).when(retract(retraction.eventId)))).toBe('fact-not-correctable');
    expect(rule(given(...history).when(retract(violationOf.eventId)))).toBe('fact-already-retracted');
    expect(rule(given(...history).when(correct(violationOf.eventId, violationOf.event.data)))).toBe(
      'fact-already-retracted',
    );
  });

  it.each([
    ['an issued certificate with an audit', [issue, audit], issue, [audit]],
    ['a suspension with its reinstatement', [issue, suspension, reinstatement], suspension, [reinstatement]],
    ['a declaration with its settlement', [declared, settled], declared, [settled]],
    ['a gift with its hand-over', [gift, handOver], gift, [handOver]],
    ['an offence with its verdict and a sanction', [offence, sanction, conviction], offence, [sanction, conviction]],
    ["a head's appointment with the dismissal", [appointed, dismissed], appointed, [dismissed]],
  ])('refuses to retract %s: fact-has-dependents, naming them', (_, facts, target, dependents) => {
    const outcome = given(registered, ...facts).when(retract(target.eventId));
    expect(outcome).toMatchObject({
      rule: 'fact-has-dependents',
      kind: 'conflict',
      details: { dependents: dependents.map((d) => d.eventId) },
    });
    // retract those first, and it may go
    const cleared = dependents.reverse().map((d) => asEvent(retract(d.eventId)));
    expect(rule(given(registered, ...facts, ...cleared).when(retract(target.eventId)))).toBe('recorded');
  });
});

describe('correcting a fact: its complete corrected data in its place', () => {
  it('records FactCorrected; the latest correction wins; the fact keeps its place and is marked', () => {
    const first = asEvent(correct(violationOf.eventId, { ...violationOf.event.data, occurredOn: '2025-05-06' }));
    const second = asEvent(correct(violationOf.eventId, { ...violationOf.event.data, occurredOn: '2024-01-01' }));
    const record = replay([registered, violationOf, first, second]);

    expect(record.giftBanViolations.map((v) => [v.eventId, v.data.occurredOn])).toEqual([
      [violationOf.eventId, '2024-01-01'],
    ]);
    expect(recordEntries(record)[1]).toMatchObject({ correctedBy: [first.eventId, second.eventId] });
    expect(factsOf(record).map((f) => f.eventId)).toEqual([registered.eventId, violationOf.eventId]);
  });

  it("keeps the fact's identifiers: a certificate, declaration, gift, offence, sanction or head stays itself", () => {
    expect(
      given(registered, issue).when(correct(issue.eventId, { ...issue.event.data, certificateId: 'c2' })),
    ).toMatchObject({
      rule: 'identifier-cannot-change',
      kind: 'invalid',
      field: 'data.certificateId',
    });
    expect(
      rule(given(registered, appointed).when(correct(appointed.eventId, { ...appointed.event.data, iin: OTHER }))),
    ).toBe('identifier-cannot-change');
  });

  it('is decided with the corrected fact in place: a date that breaks the order of the facts around it is that rule', () => {
    // the settlement came 19 days after the declaration: declaring it later than that is impossible
    const late = given(registered, declared, settled).when(
      correct(declared.eventId, { ...declared.event.data, declaredOn: '2025-03-01' }),
    );
    expect(late).toMatchObject({ rule: 'impossible-date-order', kind: 'conflict' });
    expect((late as RuleViolation).message).toContain(settled.eventId);
    // the fact's own rules, naming its field under data
    expect(
      given(registered, issue).when(correct(issue.eventId, { ...issue.event.data, expiresOn: '2024-01-01' })),
    ).toMatchObject({ rule: 'expiry-not-after-issue', field: 'data.expiresOn' });
    // a correction that keeps the order is recorded, dependents and all
    expect(
      rule(
        given(registered, issue, audit).when(
          correct(issue.eventId, { ...issue.event.data, certificateNumber: 'KZ-2' }),
        ),
      ),
    ).toBe('recorded');
  });
});

describe('the lifetime ban (004 line 211), within one entity and across entities', () => {
  const asOf = instantOf('2025-10-01');
  const convictedElsewhere = (iin: string): Conviction[] =>
    iin === IIN ? [{ bin: '940740000911', eventId: 'elsewhere-conviction', at: instantOf('2025-03-01') }] : [];

  it('flags a head convicted at another entity while in office, and clear wave lists it as unmet', () => {
    const record = replay([registered, appointed]);
    const card = scoreRecord(record, asOf, METHODOLOGY_V1, convictedElsewhere);

    expect(card.flags).toContainEqual({
      code: 'LIFETIME_BAN_BREACH',
      eventIds: [appointed.eventId, 'elsewhere-conviction'],
    });
    expect(card.clearWave.unmet).toContain('NO_LIFETIME_BAN_BREACH');
    // the register view cites only the entity's own events, and no IIN
    const view = registerView(BIN, record, asOf, METHODOLOGY_V1, convictedElsewhere);
    expect(view.flags).toContainEqual({ code: 'LIFETIME_BAN_BREACH', eventIds: [appointed.eventId] });
    expect(JSON.stringify(view)).not.toContain(IIN);
  });

  it('flags a compliance officer convicted at the entity itself, before or after the appointment, and not once dismissed', () => {
    const officer = fact({
      type: 'ComplianceServiceEstablished',
      data: { officerIin: IIN, establishedOn: '2025-01-01' },
    });
    const flagged = scoreRecord(replay([registered, officer, offence, conviction]), asOf, METHODOLOGY_V1);
    expect(flagged.flags.find((f) => f.code === 'LIFETIME_BAN_BREACH')?.eventIds).toEqual([
      officer.eventId,
      conviction.eventId,
    ]);
    // before the conviction's date, nothing to flag
    expect(
      scoreRecord(
        replay([registered, officer, offence, conviction]),
        instantOf('2025-04-30'),
        METHODOLOGY_V1,
      ).flags.map((f) => f.code),
    ).not.toContain('LIFETIME_BAN_BREACH');
    const gone = scoreRecord(replay([registered, appointed, dismissed]), asOf, METHODOLOGY_V1, convictedElsewhere);
    expect(gone.flags.map((f) => f.code)).not.toContain('LIFETIME_BAN_BREACH');
  });

  it('lifts the flag when the conviction is retracted', () => {
    const retraction = asEvent(retract(conviction.eventId));
    const record = replay([registered, appointed, offence, conviction, retraction]);
    expect(scoreRecord(record, asOf, METHODOLOGY_V1).flags.map((f) => f.code)).not.toContain('LIFETIME_BAN_BREACH');
  });
});
