import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  decide,
  evolve,
  initialRecord,
  METHODOLOGY_V1,
  RuleViolation,
  scoreEntity,
  type ComplianceCommand,
  type ComplianceEvent,
  type ScoredEvent,
} from '#domain';

const BIN = '081140000436';
const IIN = '860311300524';
// few ids, so generated commands meet each other's facts and the rules have something to refuse
const id = fc.constantFrom('a', 'b', 'c');
const day = fc
  .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const text = fc.string({ minLength: 1, maxLength: 20 });

const command: fc.Arbitrary<ComplianceCommand> = fc.oneof(
  fc.record({
    type: fc.constant('RegisterEntity'),
    data: fc.record({ bin: fc.constant(BIN), name: text, stateSharePercent: fc.integer({ min: 0, max: 100 }) }),
  }),
  fc.record({
    type: fc.constant('EstablishComplianceService'),
    data: fc.record({ officerIin: fc.constant(IIN), establishedOn: day }),
  }),
  fc.record({
    type: fc.constant('AppointHead'),
    data: fc.record({ iin: fc.constant(IIN), fullName: text, position: text, appointedOn: day }),
  }),
  fc.record({ type: fc.constant('DismissHead'), data: fc.record({ iin: fc.constant(IIN), dismissedOn: day }) }),
  fc.record({
    type: fc.constant('IssueCertificate'),
    data: fc.record({
      certificateId: id,
      certificateNumber: text,
      standard: fc.constantFrom('ISO_37001', 'ST_RK_3049'),
      certificationBody: text,
      issuedOn: day,
      expiresOn: day,
    }),
  }),
  fc.record({
    type: fc.constant('CompleteSurveillanceAudit'),
    data: fc.record({
      certificateId: id,
      auditedOn: day,
      outcome: fc.constantFrom('passed', 'minor_nonconformities', 'failed'),
    }),
  }),
  fc.record({
    type: fc.constant('SuspendCertificate'),
    data: fc.record({ certificateId: id, suspendedOn: day, reason: text }),
  }),
  fc.record({ type: fc.constant('ReinstateCertificate'), data: fc.record({ certificateId: id, reinstatedOn: day }) }),
  fc.record({
    type: fc.constant('WithdrawCertificate'),
    data: fc.record({ certificateId: id, withdrawnOn: day, reason: text }),
  }),
  fc.record({
    type: fc.constant('RenewCertificate'),
    data: fc.record({ certificateId: id, renewedOn: day, expiresOn: day }),
  }),
  fc.record({
    type: fc.constant('DeclareConflictOfInterest'),
    data: fc.record({
      declarationId: id,
      declarantIin: fc.constant(IIN),
      position: text,
      nature: text,
      declaredOn: day,
    }),
  }),
  fc.record({
    type: fc.constant('SettleConflictOfInterest'),
    data: fc.record({
      declarationId: id,
      measure: fc.constantFrom('recusal', 'other'),
      decidedBy: text,
      settledOn: day,
    }),
  }),
  fc.record({
    type: fc.constant('RecordUndeclaredConflict'),
    data: fc.record({ personIin: fc.constant(IIN), description: text, detectedOn: day }),
  }),
  fc.record({
    type: fc.constant('ReportGift'),
    data: fc.record({
      giftId: id,
      recipientIin: fc.constant(IIN),
      recipientIsFamilyMember: fc.boolean(),
      donor: text,
      description: text,
      valueKzt: fc.nat(),
      receivedOn: day,
    }),
  }),
  fc.record({
    type: fc.constant('HandOverGift'),
    data: fc.record({ giftId: id, handedOverOn: day, handedOverTo: text }),
  }),
  fc.record({
    type: fc.constant('RecordGiftBanViolation'),
    data: fc.record({ personIin: fc.constant(IIN), description: text, occurredOn: day }),
  }),
  fc.record({
    type: fc.constant('RegisterCorruptionOffence'),
    data: fc.record({
      offenceId: id,
      employeeIin: fc.constant(IIN),
      position: text,
      category: fc.constantFrom('bribe_taking', 'fraud', 'other'),
      registeredOn: day,
    }),
  }),
  fc.record({ type: fc.constant('ConvictCorruptionOffence'), data: fc.record({ offenceId: id, convictedOn: day }) }),
  fc.record({
    type: fc.constant('CloseCorruptionOffence'),
    data: fc.record({ offenceId: id, closedOn: day, reason: text }),
  }),
  fc.record({
    type: fc.constant('ImposePersonalResponsibilitySanction'),
    data: fc.record({
      sanctionId: id,
      headIin: fc.constant(IIN),
      headPosition: text,
      sanction: fc.constantFrom('reprimand', 'dismissal'),
      offenceId: id,
      imposedOn: day,
    }),
  }),
  fc.record({
    type: fc.constant('CompleteCorruptionRiskAnalysis'),
    data: fc.record({ period: text, completedOn: day, risksFound: fc.nat(50), publicCouncilInvolved: fc.boolean() }),
  }),
  fc.record({
    type: fc.constant('CompleteAntiCorruptionTraining'),
    data: fc.record({ completedOn: day, participants: fc.nat(300), staffTotal: fc.integer({ min: 1, max: 300 }) }),
  }),
) as fc.Arbitrary<ComplianceCommand>;

/** Runs commands through the decider, as the command handler does: what was accepted, in order. */
function history(commands: readonly ComplianceCommand[]): ComplianceEvent[] {
  let record = initialRecord;
  const accepted: ComplianceEvent[] = [];
  for (const c of [
    { type: 'RegisterEntity', data: { bin: BIN, name: 'E', stateSharePercent: 100 } } as ComplianceCommand,
    ...commands,
  ]) {
    const decision = decide(c, record);
    if (decision instanceof RuleViolation) continue;
    for (const event of decision) {
      accepted.push(event);
      record = evolve(record, event);
    }
  }
  return accepted;
}

const scored = (events: readonly ComplianceEvent[]): ScoredEvent[] =>
  events.map((event, i) => ({ eventId: `e${i}`, event }));

describe('properties of the domain (fast-check)', () => {
  it('the decider never throws: every command is either recorded as one event or refused with a rule', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        let record = initialRecord;
        for (const c of commands) {
          const decision = decide(c, record);
          if (decision instanceof RuleViolation) {
            expect(['not_found', 'conflict', 'invalid']).toContain(decision.kind);
            expect(decision.rule).toMatch(/^[a-z]+(-[a-z]+)*$/);
          } else {
            expect(decision).toHaveLength(1);
            record = evolve(record, decision[0]);
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

  it('replaying a stream twice gives the same state and the same score', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), day, (commands, asOf) => {
        const events = history(commands);
        const replayed = events.reduce(evolve, initialRecord);
        expect(events.reduce(evolve, initialRecord)).toEqual(replayed);
        const instant = Date.parse(`${asOf}T00:00:00+05:00`);
        expect(scoreEntity(scored(events), instant, METHODOLOGY_V1)).toEqual(
          scoreEntity(scored(structuredClone(events)), instant, METHODOLOGY_V1),
        );
      }),
      { numRuns: 200 },
    );
  });
});
