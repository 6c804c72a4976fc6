import { describe, expect, it } from '@jest/globals';
import {
  instantOf,
  METHODOLOGY_V1,
  methodologyProblems,
  monthsBefore,
  scoreEntity,
  type ComplianceEvent,
  type ScoreCard,
  type IdentifiedEvent,
} from '#domain';

let serial = 0;
/** An event with a readable id: its type and a number. */
function fact(event: ComplianceEvent): IdentifiedEvent {
  return { eventId: `${event.type}-${++serial}`, event };
}
const at = (date: string) => instantOf(date);
const score = (events: IdentifiedEvent[], asOf: string) => scoreEntity(events, at(asOf), METHODOLOGY_V1);
const factor = (card: ScoreCard, name: string) => card.factors.find((f) => f.factor === name);
const flag = (card: ScoreCard, code: string) => card.flags.find((f) => f.code === code);

const registered = fact({
  type: 'EntityRegistered',
  data: { bin: '081140000436', name: 'KTZ', stateSharePercent: 100 },
});
const service = (on: string) =>
  fact({ type: 'ComplianceServiceEstablished', data: { officerIin: '860311300524', establishedOn: on } });
const issued = (id: string, issuedOn: string, expiresOn: string) =>
  fact({
    type: 'CertificateIssued',
    data: {
      certificateId: id,
      certificateNumber: 'N',
      standard: 'ISO_37001',
      certificationBody: 'B',
      issuedOn,
      expiresOn,
    },
  });
const audit = (id: string, on: string) =>
  fact({ type: 'SurveillanceAuditCompleted', data: { certificateId: id, auditedOn: on, outcome: 'passed' } });
const suspended = (id: string, on: string) =>
  fact({ type: 'CertificateSuspended', data: { certificateId: id, suspendedOn: on, reason: 'r' } });
const reinstated = (id: string, on: string) =>
  fact({ type: 'CertificateReinstated', data: { certificateId: id, reinstatedOn: on } });
const withdrawn = (id: string, on: string) =>
  fact({ type: 'CertificateWithdrawn', data: { certificateId: id, withdrawnOn: on, reason: 'r' } });
const renewed = (id: string, on: string, expiresOn: string) =>
  fact({ type: 'CertificateRenewed', data: { certificateId: id, renewedOn: on, expiresOn } });
const analysis = (on: string) =>
  fact({
    type: 'CorruptionRiskAnalysisCompleted',
    data: { period: 'y', completedOn: on, risksFound: 1, publicCouncilInvolved: true },
  });
const training = (on: string, participants: number, staffTotal: number) =>
  fact({ type: 'AntiCorruptionTrainingCompleted', data: { completedOn: on, participants, staffTotal } });
const declared = (id: string, on: string) =>
  fact({
    type: 'ConflictOfInterestDeclared',
    data: { declarationId: id, declarantIin: '860311300524', position: 'p', nature: 'n', declaredOn: on },
  });
const settled = (id: string, on: string) =>
  fact({
    type: 'ConflictOfInterestSettled',
    data: { declarationId: id, measure: 'recusal', decidedBy: 'd', settledOn: on },
  });
const giftViolation = (on: string) =>
  fact({ type: 'GiftBanViolationRecorded', data: { personIin: '860311300524', description: 'd', occurredOn: on } });
const undeclared = (on: string) =>
  fact({ type: 'UndeclaredConflictDetected', data: { personIin: '860311300524', description: 'd', detectedOn: on } });
const offence = (id: string, on: string) =>
  fact({
    type: 'CorruptionOffenceRegistered',
    data: { offenceId: id, employeeIin: '860311300524', position: 'p', category: 'bribe_taking', registeredOn: on },
  });
const convicted = (id: string, on: string) =>
  fact({ type: 'CorruptionOffenceConvicted', data: { offenceId: id, convictedOn: on } });
const closed = (id: string, on: string) =>
  fact({ type: 'CorruptionOffenceClosed', data: { offenceId: id, closedOn: on, reason: 'r' } });
const sanction = (offenceId: string, on: string) =>
  fact({
    type: 'PersonalResponsibilitySanctionImposed',
    data: {
      sanctionId: `s-${offenceId}-${on}`,
      headIin: '900101300126',
      headPosition: 'chairman',
      sanction: 'reprimand',
      offenceId,
      imposedOn: on,
    },
  });

/** A model entity: everything in place on 2025-06-01. */
function exemplary(): IdentifiedEvent[] {
  return [
    registered,
    service('2020-01-01'),
    issued('c1', '2024-01-10', '2027-01-10'),
    audit('c1', '2025-01-10'),
    analysis('2025-03-01'),
    training('2025-02-01', 100, 100),
  ];
}

describe('scoreEntity: methodology v1 (PRODUCT.md section 4)', () => {
  it('gives a model entity 100 and grade A, eligible for the clear wave, citing every event', () => {
    const events = exemplary();
    const card = score(events, '2025-06-01');

    expect(card).toMatchObject({ score: 100, grade: 'A', methodologyVersion: 'v1', asOf: '2025-05-31T19:00:00.000Z' });
    expect(card.pillars).toEqual({ prevention: 40, training: 10, conflicts_of_interest: 20, integrity: 30 });
    expect(card.flags).toEqual([]);
    expect(card.clearWave).toEqual({ eligible: true, unmet: [] });
    expect(factor(card, 'compliance_service')).toEqual({
      pillar: 'prevention',
      factor: 'compliance_service',
      points: 10,
      eventIds: [events[1].eventId],
    });
    expect(factor(card, 'valid_certificate')?.eventIds).toEqual([events[2].eventId, events[3].eventId]);
    expect(factor(card, 'risk_analysis_12m')?.eventIds).toEqual([events[4].eventId]);
    expect(factor(card, 'staff_trained_12m')?.eventIds).toEqual([events[5].eventId]);
  });

  it('gives an entity with no record 0 prevention, 0 training, full conflicts and integrity: 50, grade C', () => {
    const card = score([registered], '2025-06-01');
    expect(card.pillars).toEqual({ prevention: 0, training: 0, conflicts_of_interest: 20, integrity: 30 });
    expect(card).toMatchObject({ score: 50, grade: 'C' });
    expect(card.flags.map((f) => f.code)).toEqual(['NO_COMPLIANCE_SERVICE', 'NO_VALID_CERTIFICATE']);
    expect(card.clearWave.unmet).toEqual(['VALID_CERTIFICATE', 'COMPLIANCE_SERVICE', 'MINIMUM_SCORE']);
  });

  describe('prevention', () => {
    it('counts a certificate only while it is valid: issued, not expired, suspended or withdrawn', () => {
      const base = [registered, issued('c1', '2025-01-10', '2028-01-10')];
      expect(factor(score(base, '2025-01-09'), 'valid_certificate')?.points).toBe(0); // not issued yet
      expect(factor(score(base, '2025-01-10'), 'valid_certificate')?.points).toBe(25);
      expect(factor(score(base, '2028-01-09'), 'valid_certificate_audit_overdue')?.points).toBe(10);
      // valid through its expiry day (Kazakhstan time), expired from the next
      expect(factor(score(base, '2028-01-10T23:59:59+05:00'), 'valid_certificate_audit_overdue')?.points).toBe(10);
      expect(factor(score(base, '2028-01-11'), 'valid_certificate')?.points).toBe(0);
      const suspension = suspended('c1', '2025-03-01');
      expect(factor(score([...base, suspension], '2025-03-02'), 'valid_certificate')?.points).toBe(0);
      expect(
        factor(score([...base, suspension, reinstated('c1', '2025-04-01')], '2025-04-02'), 'valid_certificate')?.points,
      ).toBe(25);
      expect(factor(score([...base, withdrawn('c1', '2025-05-01')], '2025-05-02'), 'valid_certificate')?.points).toBe(
        0,
      );
    });

    it('gives 10 instead of 25 when the last audit (issue, surveillance or renewal) is over 15 months old', () => {
      const base = [registered, issued('c1', '2024-01-10', '2027-01-10')];
      expect(factor(score(base, '2025-04-10'), 'valid_certificate')?.points).toBe(25); // exactly 15 months: still fresh
      const stale = score(base, '2025-04-11');
      expect(factor(stale, 'valid_certificate_audit_overdue')?.points).toBe(10);
      expect(flag(stale, 'SURVEILLANCE_OVERDUE')?.eventIds).toEqual([base[1].eventId]);
      const audited = [...base, audit('c1', '2025-01-15')];
      expect(factor(score(audited, '2025-04-11'), 'valid_certificate')?.points).toBe(25);
      const renewal = renewed('c1', '2026-12-01', '2029-12-01');
      expect(factor(score([...base, renewal], '2027-06-01'), 'valid_certificate')?.eventIds).toEqual([
        base[1].eventId,
        renewal.eventId,
      ]);
    });

    it('extends validity by a renewal from the renewal date on, not before', () => {
      const base = [registered, issued('c1', '2024-01-10', '2027-01-10'), renewed('c1', '2027-02-01', '2030-02-01')];
      expect(factor(score(base, '2027-01-20'), 'valid_certificate')?.points).toBe(0); // lapsed before the renewal
      expect(factor(score(base, '2027-02-02'), 'valid_certificate')?.points).toBe(25);
    });

    it('counts a risk analysis completed in the last 12 months', () => {
      const events = [registered, analysis('2024-06-01')];
      expect(factor(score(events, '2025-06-01'), 'risk_analysis_12m')?.points).toBe(0); // exactly 12 months ago: outside
      expect(factor(score(events, '2025-05-31'), 'risk_analysis_12m')?.points).toBe(5);
    });
  });

  describe('training', () => {
    it('scores participants over staff (from the latest training) in the last 12 months, capped at 10', () => {
      const events = [
        registered,
        training('2024-03-01', 500, 200),
        training('2025-01-01', 30, 200),
        training('2025-03-01', 20, 100),
      ];
      const card = score(events, '2025-06-01');
      expect(factor(card, 'staff_trained_12m')).toMatchObject({
        points: 5,
        eventIds: [events[2].eventId, events[3].eventId],
      });
      expect(
        factor(score([registered, training('2025-03-01', 150, 100)], '2025-06-01'), 'staff_trained_12m')?.points,
      ).toBe(10);
      expect(factor(score(events, '2026-03-02'), 'staff_trained_12m')?.points).toBe(0);
    });
  });

  describe('conflicts of interest', () => {
    it('scores the share of declarations in 36 months settled within 30 days', () => {
      const events = [
        registered,
        declared('d1', '2025-01-01'),
        settled('d1', '2025-01-31'), // day 30: in time
        declared('d2', '2025-02-01'),
        settled('d2', '2025-03-05'), // day 32: late
      ];
      const card = score(events, '2025-06-01');
      expect(factor(card, 'declarations_settled_in_time_36m')).toMatchObject({
        points: 10,
        eventIds: [events[1].eventId, events[2].eventId],
      });
      expect(card.pillars.conflicts_of_interest).toBe(10);
    });

    it('takes 5 for each declaration unsettled more than 30 days after it was declared, as time passes', () => {
      const events = [registered, declared('d1', '2025-05-01')];
      expect(score(events, '2025-05-31').pillars.conflicts_of_interest).toBe(0 + 0); // 0 settled of 1, none overdue yet
      expect(factor(score(events, '2025-05-31'), 'declarations_settlement_overdue')?.points).toBe(0);
      const late = score(events, '2025-06-01');
      expect(factor(late, 'declarations_settlement_overdue')).toMatchObject({
        points: -5,
        eventIds: [events[1].eventId],
      });
      expect(flag(late, 'COI_SETTLEMENT_OVERDUE')?.eventIds).toEqual([events[1].eventId]);
    });

    it('clamps the pillar at 0 and gives 20 when nothing was declared in 36 months', () => {
      const old = [registered, declared('d0', '2021-01-01'), settled('d0', '2021-01-05')];
      expect(score(old, '2025-06-01').pillars.conflicts_of_interest).toBe(20);
      const many = [registered, declared('a', '2025-01-01'), declared('b', '2025-01-01'), declared('c', '2025-01-01')];
      expect(score(many, '2025-06-01').pillars.conflicts_of_interest).toBe(0);
    });
  });

  describe('integrity record', () => {
    it('takes 10 per gift-ban violation and per undeclared conflict, within 36 months', () => {
      const events = [registered, giftViolation('2023-01-01'), undeclared('2025-01-01'), giftViolation('2022-05-31')];
      const card = score(events, '2025-06-01');
      expect(factor(card, 'gift_ban_violations_36m')).toMatchObject({ points: -10, eventIds: [events[1].eventId] });
      expect(factor(card, 'undeclared_conflicts_36m')).toMatchObject({ points: -10, eventIds: [events[2].eventId] });
      expect(card.pillars.integrity).toBe(10);
      expect(flag(card, 'GIFT_BAN_VIOLATION_36M')?.eventIds).toEqual([events[1].eventId]);
      expect(flag(card, 'UNDECLARED_CONFLICT_36M')?.eventIds).toEqual([events[2].eventId]);
    });

    it('presumes innocence: a registered offence costs nothing and only raises a watch flag', () => {
      const events = [registered, offence('o1', '2025-01-01')];
      const card = score(events, '2025-06-01');
      expect(card.pillars.integrity).toBe(30);
      expect(flag(card, 'OFFENCE_UNDER_INVESTIGATION')?.eventIds).toEqual([events[1].eventId]);
      const acquitted = score([...events, closed('o1', '2025-03-01')], '2025-06-01');
      expect(acquitted.pillars.integrity).toBe(30);
      expect(flag(acquitted, 'OFFENCE_UNDER_INVESTIGATION')).toBeUndefined();
    });

    it('takes 15 per conviction, or 8 when the head was sanctioned within 90 days of it', () => {
      const unanswered = [registered, offence('o1', '2024-01-01'), convicted('o1', '2024-06-01')];
      const card = score(unanswered, '2025-06-01');
      expect(factor(card, 'employee_convictions_36m')).toMatchObject({
        points: -15,
        eventIds: [unanswered[2].eventId],
      });
      expect(flag(card, 'EMPLOYEE_CONVICTED_36M')?.eventIds).toEqual([unanswered[2].eventId]);
      expect(flag(card, 'ACCOUNTABILITY_GAP')?.eventIds).toEqual([unanswered[2].eventId]);

      const inTime = sanction('o1', '2024-08-30'); // day 90
      const answered = score([...unanswered, inTime], '2025-06-01');
      expect(factor(answered, 'employee_convictions_head_sanctioned_36m')).toMatchObject({
        points: -8,
        eventIds: [unanswered[2].eventId, inTime.eventId],
      });
      expect(answered.pillars.integrity).toBe(22);
      expect(flag(answered, 'ACCOUNTABILITY_GAP')).toBeUndefined();
      expect(flag(answered, 'HEAD_SANCTIONED_36M')?.eventIds).toEqual([inTime.eventId]);

      const tooLate = score([...unanswered, sanction('o1', '2024-09-01')], '2025-06-01');
      expect(factor(tooLate, 'employee_convictions_36m')?.points).toBe(-15);
      expect(flag(tooLate, 'ACCOUNTABILITY_GAP')).toBeUndefined(); // a sanction, if late, closes the gap
    });

    it('raises the accountability gap only once a conviction is more than 90 days old', () => {
      const events = [registered, offence('o1', '2025-01-01'), convicted('o1', '2025-03-01')];
      expect(flag(score(events, '2025-05-30'), 'ACCOUNTABILITY_GAP')).toBeUndefined();
      expect(flag(score(events, '2025-05-31'), 'ACCOUNTABILITY_GAP')).toBeDefined();
    });

    it('forgets a conviction after 36 months and clamps the pillar at 0', () => {
      const events = [registered, offence('o1', '2021-01-01'), convicted('o1', '2022-06-01')];
      expect(score(events, '2025-06-01').pillars.integrity).toBe(30);
      const many = [
        registered,
        giftViolation('2025-01-01'),
        giftViolation('2025-01-02'),
        giftViolation('2025-01-03'),
        undeclared('2025-01-04'),
      ];
      expect(score(many, '2025-06-01').pillars.integrity).toBe(0);
    });
  });

  describe('certificate flags', () => {
    it('says why no certificate is valid: suspended, expired, or withdrawn in the last 12 months', () => {
      const cert = issued('c1', '2022-01-10', '2025-01-10');
      expect(flag(score([registered, cert], '2025-02-01'), 'CERTIFICATE_EXPIRED')?.eventIds).toEqual([cert.eventId]);
      const suspension = suspended('c1', '2024-06-01');
      const suspendedCard = score([registered, cert, suspension], '2024-07-01');
      expect(flag(suspendedCard, 'CERTIFICATE_SUSPENDED')?.eventIds).toEqual([suspension.eventId]);
      expect(flag(suspendedCard, 'NO_VALID_CERTIFICATE')?.eventIds).toEqual([suspension.eventId]);
      const withdrawal = withdrawn('c1', '2024-06-01');
      expect(flag(score([registered, cert, withdrawal], '2025-05-31'), 'CERTIFICATE_WITHDRAWN_12M')?.eventIds).toEqual([
        withdrawal.eventId,
      ]);
      expect(flag(score([registered, cert, withdrawal], '2025-06-02'), 'CERTIFICATE_WITHDRAWN_12M')).toBeUndefined();
    });
  });

  describe('clear wave', () => {
    it.each([
      [
        'VALID_CERTIFICATE',
        (e: IdentifiedEvent[]) =>
          e.filter((x) => x.event.type !== 'CertificateIssued' && x.event.type !== 'SurveillanceAuditCompleted'),
      ],
      [
        'COMPLIANCE_SERVICE',
        (e: IdentifiedEvent[]) => e.filter((x) => x.event.type !== 'ComplianceServiceEstablished'),
      ],
      [
        'NO_CONVICTION_12M',
        (e: IdentifiedEvent[]) => [
          ...e,
          offence('o1', '2024-01-01'),
          convicted('o1', '2025-01-01'),
          sanction('o1', '2025-01-02'),
        ],
      ],
      ['NO_GIFT_BAN_VIOLATION_12M', (e: IdentifiedEvent[]) => [...e, giftViolation('2025-01-01')]],
      ['NO_UNDECLARED_CONFLICT_12M', (e: IdentifiedEvent[]) => [...e, undeclared('2025-01-01')]],
    ])('is not eligible without %s, and says so', (condition, change) => {
      const card = score(change(exemplary()), '2025-06-01');
      expect(card.clearWave.eligible).toBe(false);
      expect(card.clearWave.unmet).toContain(condition);
    });

    it('requires a score of at least 70', () => {
      const events = [
        ...exemplary(),
        declared('a', '2025-01-01'),
        declared('b', '2025-01-01'),
        giftViolation('2023-01-01'),
        giftViolation('2023-01-02'),
      ];
      const card = score(events, '2025-06-01');
      expect(card.score).toBeLessThan(70);
      expect(card.clearWave.unmet).toEqual(['MINIMUM_SCORE']);
    });

    it('holds again once a violation is more than 12 months old', () => {
      const events = [...exemplary(), giftViolation('2024-05-01')];
      expect(score(events, '2025-06-01').clearWave).toEqual({ eligible: true, unmet: [] });
    });
  });

  describe('grades and time', () => {
    it('grades A from 85, B from 70, C from 50, D below', () => {
      const withViolations = (n: number) => [
        ...exemplary(),
        ...Array.from({ length: n }, (_, i) => giftViolation(`2025-01-0${i + 1}`)),
      ];
      expect(score(withViolations(1), '2025-06-01')).toMatchObject({ score: 90, grade: 'A' });
      expect(score(withViolations(2), '2025-06-01')).toMatchObject({ score: 80, grade: 'B' });
      expect(score(withViolations(3), '2025-06-01')).toMatchObject({ score: 70, grade: 'B' });
      expect(score([registered, service('2020-01-01'), giftViolation('2025-01-01')], '2025-06-01')).toMatchObject({
        score: 50,
        grade: 'C',
      });
      expect(score([registered, giftViolation('2025-01-01')], '2025-06-01')).toMatchObject({ score: 40, grade: 'D' });
    });

    it('ignores facts dated after the as-of instant, and changes with time alone', () => {
      const events = exemplary();
      expect(score(events, '2019-12-31').pillars.prevention).toBe(0);
      expect(score(events, '2025-06-01').score).toBe(100);
      expect(score(events, '2027-06-01').score).toBeLessThan(100); // certificate expired, training and analysis old
    });

    it('is deterministic: the same events, instant and methodology give the same card', () => {
      const events = exemplary();
      expect(score(events, '2025-06-01')).toEqual(score(structuredClone(events), '2025-06-01'));
    });
  });
});

describe('months on the calendar', () => {
  it('clamps to the end of a shorter month and counts in Kazakhstan time', () => {
    expect(new Date(monthsBefore(at('2025-03-31'), 1)).toISOString()).toBe(new Date(at('2025-02-28')).toISOString());
    expect(new Date(monthsBefore(at('2024-03-31'), 1)).toISOString()).toBe(new Date(at('2024-02-29')).toISOString());
    expect(new Date(monthsBefore(at('2025-01-15'), 12)).toISOString()).toBe(new Date(at('2024-01-15')).toISOString());
    expect(new Date(monthsBefore(at('2025-01-15'), 13)).toISOString()).toBe(new Date(at('2023-12-15')).toISOString());
  });
});

describe('methodology files', () => {
  it('accepts v1 and reports every problem of a broken copy', () => {
    expect(methodologyProblems(METHODOLOGY_V1)).toEqual([]);
    const broken = { ...METHODOLOGY_V1, version: '', grades: { A: 50, B: 70, C: 'x' }, extra: 1 };
    expect(methodologyProblems(broken)).toEqual([
      'version must be a non-empty string',
      'grades.C must be a number of at least 0',
      'extra is not a setting of the methodology',
    ]);
    expect(methodologyProblems({ ...METHODOLOGY_V1, grades: { A: 50, B: 70, C: 60 } })).toEqual([
      'grades must be ordered: A > B > C',
      'version v1 names the built-in methodology; give a changed methodology a new version',
    ]);
    expect(methodologyProblems({ ...METHODOLOGY_V1, training: { windowMonths: 12, max: 10 } })).toEqual([]);
    expect(methodologyProblems({ ...METHODOLOGY_V1, training: { max: 12, windowMonths: 12 } })).toEqual([
      'version v1 names the built-in methodology; give a changed methodology a new version',
    ]);
  });

  it('counts periods in whole days and calendar months', () => {
    const halves = {
      ...METHODOLOGY_V1,
      version: 'v1-halves',
      training: { max: 10, windowMonths: 12.5 },
      flags: { ...METHODOLOGY_V1.flags, accountabilityGapAfterDays: 90.5 },
    };
    expect(methodologyProblems(halves)).toEqual([
      'training.windowMonths must be a whole number',
      'flags.accountabilityGapAfterDays must be a whole number',
    ]);
  });
});
