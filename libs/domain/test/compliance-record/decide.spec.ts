import { describe, expect, it } from '@jest/globals';
import { RuleViolation } from '#domain';
import {
  BIN,
  IIN,
  PARENT_BIN,
  certificateIssued,
  command,
  declared,
  event,
  giftReported,
  given,
  headAppointed,
  offenceRegistered,
  registered,
} from './fixtures.js';

const violation = (rule: string, kind: RuleViolation['kind']) => expect.objectContaining({ rule, kind });

describe('decide: given recorded events, when a command, then events or a broken rule', () => {
  describe('entity', () => {
    const register = command('RegisterEntity', {
      bin: BIN,
      name: 'KTZ',
      stateSharePercent: 100,
      parentBin: PARENT_BIN,
    });

    it('registers a new BIN', () => {
      expect(given().when(register)).toEqual([event('EntityRegistered', register.data as never)]);
    });

    it('refuses to register a BIN twice', () => {
      expect(given(registered).when(register)).toEqual(violation('entity-already-registered', 'conflict'));
    });

    it('refuses an entity that is its own parent', () => {
      const own = command('RegisterEntity', { bin: BIN, name: 'X', stateSharePercent: 50, parentBin: BIN });
      expect(given().when(own)).toEqual(
        expect.objectContaining({ rule: 'entity-own-parent', kind: 'invalid', field: 'parentBin' }),
      );
    });

    it("changes an entity's details, but not to nothing and not to be its own parent", () => {
      const change = command('ChangeEntityDetails', { name: 'Renamed', changedOn: '2025-07-01' });
      expect(given(registered).when(change)).toEqual([event('EntityDetailsChanged', change.data as never)]);
      expect(given().when(change)).toEqual(violation('entity-not-registered', 'not_found'));
      const empty = command('ChangeEntityDetails', { changedOn: '2025-07-01' });
      expect(given(registered).when(empty)).toEqual(
        expect.objectContaining({ rule: 'nothing-to-change', kind: 'invalid' }),
      );
      const ownParent = command('ChangeEntityDetails', { parentBin: BIN, changedOn: '2025-07-01' });
      expect(given(registered).when(ownParent)).toEqual(
        expect.objectContaining({ rule: 'entity-own-parent', field: 'parentBin' }),
      );
    });

    it('refuses any other fact about an entity that is not registered', () => {
      const establish = command('EstablishComplianceService', { officerIin: IIN, establishedOn: '2024-01-01' });
      expect(given().when(establish)).toEqual(violation('entity-not-registered', 'not_found'));
    });

    it('establishes a compliance service, again when the officer changes', () => {
      const establish = command('EstablishComplianceService', { officerIin: IIN, establishedOn: '2024-01-01' });
      const established = event('ComplianceServiceEstablished', establish.data as never);
      expect(given(registered).when(establish)).toEqual([established]);
      expect(given(registered, established).when(establish)).toEqual([established]);
    });

    it('appoints a head once while in office, and dismisses only a head in office, not before appointment', () => {
      const appoint = command('AppointHead', headAppointed.data as never);
      expect(given(registered).when(appoint)).toEqual([headAppointed]);
      expect(given(registered, headAppointed).when(appoint)).toEqual(violation('head-already-in-office', 'conflict'));

      const dismiss = command('DismissHead', { iin: IIN, dismissedOn: '2024-06-01', reason: 'sanction' });
      expect(given(registered, headAppointed).when(dismiss)).toEqual([event('HeadDismissed', dismiss.data as never)]);
      expect(given(registered).when(dismiss)).toEqual(violation('head-not-in-office', 'not_found'));
      const dismissed = event('HeadDismissed', dismiss.data as never);
      expect(given(registered, headAppointed, dismissed).when(dismiss)).toEqual(
        violation('head-not-in-office', 'not_found'),
      );
      expect(given(registered, headAppointed, dismissed).when(appoint)).toEqual([headAppointed]);

      const early = command('DismissHead', { iin: IIN, dismissedOn: '2022-12-31' });
      expect(given(registered, headAppointed).when(early)).toEqual(violation('impossible-date-order', 'conflict'));
    });
  });

  describe('certification', () => {
    const issue = command('IssueCertificate', certificateIssued.data as never);
    const suspended = event('CertificateSuspended', {
      certificateId: 'cert-1',
      suspendedOn: '2025-01-15',
      reason: 'audit failed',
    });
    const withdrawn = event('CertificateWithdrawn', {
      certificateId: 'cert-1',
      withdrawnOn: '2025-02-01',
      reason: 'fraud',
    });
    const audit = command('CompleteSurveillanceAudit', {
      certificateId: 'cert-1',
      auditedOn: '2025-03-01',
      outcome: 'passed',
    });
    const suspend = command('SuspendCertificate', {
      certificateId: 'cert-1',
      suspendedOn: '2025-01-15',
      reason: 'audit failed',
    });
    const reinstate = command('ReinstateCertificate', { certificateId: 'cert-1', reinstatedOn: '2025-02-15' });
    const withdraw = command('WithdrawCertificate', {
      certificateId: 'cert-1',
      withdrawnOn: '2025-02-01',
      reason: 'fraud',
    });
    const renew = command('RenewCertificate', {
      certificateId: 'cert-1',
      renewedOn: '2027-02-01',
      expiresOn: '2030-02-01',
    });

    it('issues a certificate once, with an expiry after its issue', () => {
      expect(given(registered).when(issue)).toEqual([certificateIssued]);
      expect(given(registered, certificateIssued).when(issue)).toEqual(
        violation('certificate-already-issued', 'conflict'),
      );
      const backwards = command('IssueCertificate', {
        ...(certificateIssued.data as object),
        expiresOn: '2024-03-01',
      } as never);
      expect(given(registered).when(backwards)).toEqual(
        expect.objectContaining({ rule: 'expiry-not-after-issue', kind: 'invalid', field: 'expiresOn' }),
      );
    });

    it.each([
      ['a surveillance audit', audit],
      ['a suspension', suspend],
      ['a reinstatement', reinstate],
      ['a withdrawal', withdraw],
      ['a renewal', renew],
    ])('refuses %s of a certificate never issued', (_, cmd) => {
      expect(given(registered).when(cmd)).toEqual(violation('certificate-not-found', 'not_found'));
    });

    it.each([
      ['a surveillance audit', audit],
      ['a suspension', suspend],
      ['a reinstatement', reinstate],
      ['a withdrawal', withdraw],
      ['a renewal', renew],
    ])('refuses %s of a withdrawn certificate', (_, cmd) => {
      expect(given(registered, certificateIssued, withdrawn).when(cmd)).toEqual(
        violation('certificate-withdrawn', 'conflict'),
      );
    });

    it('records an audit, a suspension, a withdrawal and a renewal of an issued certificate', () => {
      for (const cmd of [audit, suspend, withdraw, renew]) {
        const result = given(registered, certificateIssued).when(cmd);
        expect(result).toHaveLength(1);
        expect((result as { data: unknown }[])[0].data).toEqual(cmd.data);
      }
    });

    it('suspends an active certificate once, and reinstates only a suspended one', () => {
      expect(given(registered, certificateIssued, suspended).when(suspend)).toEqual(
        violation('certificate-already-suspended', 'conflict'),
      );
      expect(given(registered, certificateIssued).when(reinstate)).toEqual(
        violation('certificate-not-suspended', 'conflict'),
      );
      expect(given(registered, certificateIssued, suspended).when(reinstate)).toEqual([
        event('CertificateReinstated', reinstate.data as never),
      ]);
      const reinstated = event('CertificateReinstated', reinstate.data as never);
      expect(given(registered, certificateIssued, suspended, reinstated).when(reinstate)).toEqual(
        violation('certificate-not-suspended', 'conflict'),
      );
    });

    it('refuses dates before the fact they follow', () => {
      const before = (cmd: ReturnType<typeof command>, field: string, date: string) =>
        command(cmd.type, { ...(cmd.data as object), [field]: date } as never);
      const history = [registered, certificateIssued];
      expect(given(...history).when(before(audit, 'auditedOn', '2024-02-29'))).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(...history).when(before(suspend, 'suspendedOn', '2023-01-01'))).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(...history).when(before(withdraw, 'withdrawnOn', '2023-01-01'))).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(...history).when(before(renew, 'renewedOn', '2023-01-01'))).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(...history, suspended).when(before(reinstate, 'reinstatedOn', '2025-01-14'))).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(...history).when(before(renew, 'expiresOn', '2027-02-01'))).toEqual(
        expect.objectContaining({ rule: 'expiry-not-after-renewal', field: 'expiresOn' }),
      );
    });

    it("keeps a certificate's history moving forward: nothing before its latest event", () => {
      const reinstated = event('CertificateReinstated', { certificateId: 'cert-1', reinstatedOn: '2025-02-15' });
      const suspendAgainEarlier = command('SuspendCertificate', {
        certificateId: 'cert-1',
        suspendedOn: '2025-02-01',
        reason: 'r',
      });
      const withdrawBeforeAudit = command('WithdrawCertificate', {
        certificateId: 'cert-1',
        withdrawnOn: '2025-02-01',
        reason: 'r',
      });
      const audited = event('SurveillanceAuditCompleted', {
        certificateId: 'cert-1',
        auditedOn: '2025-03-01',
        outcome: 'passed',
      });
      expect(given(registered, certificateIssued, suspended, reinstated).when(suspendAgainEarlier)).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(registered, certificateIssued, audited).when(withdrawBeforeAudit)).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
    });

    it('renews only to extend the validity', () => {
      const shorter = command('RenewCertificate', {
        certificateId: 'cert-1',
        renewedOn: '2025-01-01',
        expiresOn: '2026-01-01',
      });
      expect(given(registered, certificateIssued).when(shorter)).toEqual(
        violation('renewal-does-not-extend', 'conflict'),
      );
    });

    it('compares a calendar date with a timestamp as instants in Kazakhstan time', () => {
      // 2024-03-01 starts at 2024-02-29T19:00:00Z; an audit a minute earlier is before the issue
      const justBefore = command('CompleteSurveillanceAudit', {
        certificateId: 'cert-1',
        auditedOn: '2024-02-29T18:59:00Z',
        outcome: 'passed',
      });
      const atStart = command('CompleteSurveillanceAudit', {
        certificateId: 'cert-1',
        auditedOn: '2024-02-29T19:00:00Z',
        outcome: 'passed',
      });
      expect(given(registered, certificateIssued).when(justBefore)).toEqual(
        violation('impossible-date-order', 'conflict'),
      );
      expect(given(registered, certificateIssued).when(atStart)).toHaveLength(1);
    });
  });

  describe('conflicts of interest', () => {
    const declare = command('DeclareConflictOfInterest', declared.data as never);
    const settle = command('SettleConflictOfInterest', {
      declarationId: 'decl-1',
      measure: 'recusal',
      decidedBy: 'ethics commissioner',
      settledOn: '2025-01-20',
    });

    it('records a declaration once', () => {
      expect(given(registered).when(declare)).toEqual([declared]);
      expect(given(registered, declared).when(declare)).toEqual(violation('declaration-already-recorded', 'conflict'));
    });

    it('settles a recorded declaration once, not before it was declared', () => {
      expect(given(registered, declared).when(settle)).toEqual([
        event('ConflictOfInterestSettled', settle.data as never),
      ]);
      expect(given(registered).when(settle)).toEqual(violation('declaration-not-found', 'not_found'));
      const settled = event('ConflictOfInterestSettled', settle.data as never);
      expect(given(registered, declared, settled).when(settle)).toEqual(
        violation('declaration-already-settled', 'conflict'),
      );
      const early = command('SettleConflictOfInterest', {
        ...(settle.data as object),
        settledOn: '2025-01-09',
      } as never);
      expect(given(registered, declared).when(early)).toEqual(violation('impossible-date-order', 'conflict'));
    });

    it('records an undeclared conflict detected later', () => {
      const detect = command('RecordUndeclaredConflict', {
        personIin: IIN,
        description: 'hidden stake',
        detectedOn: '2025-05-01',
      });
      expect(given(registered).when(detect)).toEqual([event('UndeclaredConflictDetected', detect.data as never)]);
    });
  });

  describe('gifts', () => {
    const report = command('ReportGift', giftReported.data as never);
    const handOver = command('HandOverGift', {
      giftId: 'gift-1',
      handedOverOn: '2025-02-03',
      handedOverTo: 'state property fund',
    });

    it('records a reported gift once', () => {
      expect(given(registered).when(report)).toEqual([giftReported]);
      expect(given(registered, giftReported).when(report)).toEqual(violation('gift-already-reported', 'conflict'));
    });

    it('hands over only a reported gift, once, not before it was received', () => {
      expect(given(registered, giftReported).when(handOver)).toEqual([event('GiftHandedOver', handOver.data as never)]);
      expect(given(registered).when(handOver)).toEqual(violation('gift-not-found', 'not_found'));
      const handed = event('GiftHandedOver', handOver.data as never);
      expect(given(registered, giftReported, handed).when(handOver)).toEqual(
        violation('gift-already-handed-over', 'conflict'),
      );
      const early = command('HandOverGift', { ...(handOver.data as object), handedOverOn: '2025-01-31' } as never);
      expect(given(registered, giftReported).when(early)).toEqual(violation('impossible-date-order', 'conflict'));
    });

    it('records a gift-ban violation', () => {
      const breach = command('RecordGiftBanViolation', {
        personIin: IIN,
        description: 'accepted a car',
        occurredOn: '2025-03-03',
      });
      expect(given(registered).when(breach)).toEqual([event('GiftBanViolationRecorded', breach.data as never)]);
    });
  });

  describe('offences and personal responsibility', () => {
    const registerOffence = command('RegisterCorruptionOffence', offenceRegistered.data as never);
    const convict = command('ConvictCorruptionOffence', { offenceId: 'off-1', convictedOn: '2025-09-01' });
    const close = command('CloseCorruptionOffence', {
      offenceId: 'off-1',
      closedOn: '2025-06-01',
      reason: 'no corpus delicti',
    });
    const sanction = command('ImposePersonalResponsibilitySanction', {
      sanctionId: 'sanc-1',
      headIin: IIN,
      headPosition: 'chairman',
      sanction: 'severe_reprimand',
      offenceId: 'off-1',
      imposedOn: '2025-10-01',
    });

    it('registers an offence once', () => {
      expect(given(registered).when(registerOffence)).toEqual([offenceRegistered]);
      expect(given(registered, offenceRegistered).when(registerOffence)).toEqual(
        violation('offence-already-registered', 'conflict'),
      );
    });

    it.each([
      ['a conviction', convict],
      ['a closure', close],
    ])('records %s only for a registered, still open offence, not before its registration', (_, cmd) => {
      expect(given(registered, offenceRegistered).when(cmd)).toHaveLength(1);
      expect(given(registered).when(cmd)).toEqual(violation('offence-not-found', 'not_found'));
      const convicted = event('CorruptionOffenceConvicted', convict.data as never);
      const closed = event('CorruptionOffenceClosed', close.data as never);
      expect(given(registered, offenceRegistered, convicted).when(cmd)).toEqual(
        violation('offence-not-open', 'conflict'),
      );
      expect(given(registered, offenceRegistered, closed).when(cmd)).toEqual(violation('offence-not-open', 'conflict'));
      const dateField = cmd.type === 'ConvictCorruptionOffence' ? 'convictedOn' : 'closedOn';
      const early = command(cmd.type, { ...(cmd.data as object), [dateField]: '2025-03-31' } as never);
      expect(given(registered, offenceRegistered).when(early)).toEqual(violation('impossible-date-order', 'conflict'));
    });

    it('imposes a sanction once, naming a registered offence, not before it', () => {
      expect(given(registered, offenceRegistered).when(sanction)).toHaveLength(1);
      expect(given(registered).when(sanction)).toEqual(violation('sanction-for-unknown-offence', 'conflict'));
      const imposed = event('PersonalResponsibilitySanctionImposed', sanction.data as never);
      expect(given(registered, offenceRegistered, imposed).when(sanction)).toEqual(
        violation('sanction-already-imposed', 'conflict'),
      );
      const early = command(sanction.type, { ...(sanction.data as object), imposedOn: '2025-01-01' } as never);
      expect(given(registered, offenceRegistered).when(early)).toEqual(violation('impossible-date-order', 'conflict'));
    });
  });

  describe('lifetime employment ban', () => {
    const convicted = event('CorruptionOffenceConvicted', { offenceId: 'off-1', convictedOn: '2025-09-01' });
    const closed = event('CorruptionOffenceClosed', {
      offenceId: 'off-1',
      closedOn: '2025-09-01',
      reason: 'acquitted',
    });

    it('records the appointment of a person convicted of a corruption offence: it happened; scoring flags it', () => {
      const appoint = command('AppointHead', {
        iin: IIN,
        fullName: 'X',
        position: 'chairman',
        appointedOn: '2026-01-01',
      });
      const officer = command('EstablishComplianceService', { officerIin: IIN, establishedOn: '2026-01-01' });
      expect(given(registered, offenceRegistered, convicted).when(appoint)).toEqual([
        { type: 'HeadAppointed', data: appoint.data },
      ]);
      expect(given(registered, offenceRegistered, convicted).when(officer)).toEqual([
        { type: 'ComplianceServiceEstablished', data: officer.data },
      ]);
    });

    it('does not ban a person whose case is open or was closed: presumption of innocence', () => {
      const appoint = command('AppointHead', {
        iin: IIN,
        fullName: 'X',
        position: 'chairman',
        appointedOn: '2026-01-01',
      });
      expect(given(registered, offenceRegistered).when(appoint)).toHaveLength(1);
      expect(given(registered, offenceRegistered, closed).when(appoint)).toHaveLength(1);
    });
  });

  describe('prevention and register inputs', () => {
    it('records a risk analysis, a training and a register index', () => {
      const analysis = command('CompleteCorruptionRiskAnalysis', {
        period: '2025',
        completedOn: '2025-12-20',
        risksFound: 4,
        publicCouncilInvolved: true,
      });
      const training = command('CompleteAntiCorruptionTraining', {
        completedOn: '2025-11-11',
        participants: 120,
        staffTotal: 150,
      });
      const index = command('RecordRegisterIndex', {
        index: 'payment_discipline',
        value: 87.5,
        source: 'State Revenue Committee',
        asOf: '2025-12-01',
      });
      for (const cmd of [analysis, training, index]) expect(given(registered).when(cmd)).toHaveLength(1);
    });

    it('refuses a training with more participants than staff', () => {
      const training = command('CompleteAntiCorruptionTraining', {
        completedOn: '2025-11-11',
        participants: 151,
        staffTotal: 150,
      });
      expect(given(registered).when(training)).toEqual(
        expect.objectContaining({ rule: 'participants-exceed-staff', kind: 'invalid', field: 'participants' }),
      );
    });
  });
});
