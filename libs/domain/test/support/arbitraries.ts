import fc from 'fast-check';
import {
  decide,
  evolve,
  emptyRecord,
  RuleViolation,
  type ComplianceCommand,
  type ComplianceEvent,
  type IdentifiedEvent,
} from '#domain';

/** Arbitraries and helpers shared by the property tests of the domain. */

export const BIN = '081140000436';
const IIN = '860311300524';
// few ids, so generated commands meet each other's facts and the rules have something to refuse
const id = fc.constantFrom('a', 'b', 'c');
const calendarDay = (from: string, to: string) =>
  fc
    .date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

/** Calendar dates over fifteen years. */
export const day = calendarDay('2015-01-01', '2030-12-31');

/**
 * Calendar dates or timestamps at any time of day, in Kazakhstan or another zone, over a few
 * years, so that windows, deadlines and expiries meet each other often.
 */
export const dateOrTimestamp = fc.oneof(
  calendarDay('2023-01-01', '2027-12-31'),
  fc
    .tuple(
      calendarDay('2023-01-01', '2027-12-31'),
      fc.integer({ min: 0, max: 23 }),
      fc.integer({ min: 0, max: 59 }),
      fc.integer({ min: 0, max: 59 }),
      fc.constantFrom('Z', '+05:00', '+06:00', '-03:30'),
    )
    .map(([date, h, m, s, zone]) => `${date}T${[h, m, s].map((n) => String(n).padStart(2, '0')).join(':')}${zone}`),
);
const text = fc.string({ minLength: 1, maxLength: 20 });

/** Any command of the domain, with business dates drawn from `day`. */
export function commandOf(day: fc.Arbitrary<string>): fc.Arbitrary<ComplianceCommand> {
  return fc.oneof(
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
}

export const command = commandOf(day);

/** Runs commands through the decider, as the command handler does: what was accepted, in order. */
export function history(commands: readonly ComplianceCommand[]): ComplianceEvent[] {
  let record = emptyRecord;
  const accepted: ComplianceEvent[] = [];
  for (const c of [
    { type: 'RegisterEntity', data: { bin: BIN, name: 'E', stateSharePercent: 100 } } as ComplianceCommand,
    ...commands,
  ]) {
    const decision = decide(c, record);
    if (decision instanceof RuleViolation) continue;
    for (const event of decision) {
      record = evolve(record, { eventId: `e${accepted.length}`, event });
      accepted.push(event);
    }
  }
  return accepted;
}

export const scored = (events: readonly ComplianceEvent[]): IdentifiedEvent[] =>
  events.map((event, i) => ({ eventId: `e${i}`, event }));
