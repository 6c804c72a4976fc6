import { describe, expect, it } from '@jest/globals';
import { instantOf, METHODOLOGY_V1, scoreEntity, type ComplianceEvent, type IdentifiedEvent } from '#domain';

/** The worked examples of docs/METHODOLOGY.md, so the document cannot drift from the code. */
let serial = 0;
const fact = (event: ComplianceEvent): IdentifiedEvent => ({ eventId: `e${++serial}`, event });
const score = (events: IdentifiedEvent[], asOf: string) => scoreEntity(events, instantOf(asOf), METHODOLOGY_V1);
const IIN = '860311300524';

const modelEntity = [
  fact({ type: 'EntityRegistered', data: { bin: '081140000436', name: 'Model', stateSharePercent: 100 } }),
  fact({ type: 'ComplianceServiceEstablished', data: { officerIin: IIN, establishedOn: '2020-01-01' } }),
  fact({
    type: 'CertificateIssued',
    data: {
      certificateId: 'c1',
      certificateNumber: 'N',
      standard: 'ISO_37001',
      certificationBody: 'B',
      issuedOn: '2024-01-10',
      expiresOn: '2027-01-10',
    },
  }),
  fact({
    type: 'SurveillanceAuditCompleted',
    data: { certificateId: 'c1', auditedOn: '2025-01-10', outcome: 'passed' },
  }),
  fact({
    type: 'CorruptionRiskAnalysisCompleted',
    data: { period: '2024', completedOn: '2025-03-01', risksFound: 3, publicCouncilInvolved: true },
  }),
  fact({
    type: 'AntiCorruptionTrainingCompleted',
    data: { completedOn: '2025-02-01', participants: 100, staffTotal: 100 },
  }),
];

describe('docs/METHODOLOGY.md worked examples', () => {
  it('1. a model entity: 100, A, clear wave', () => {
    expect(score(modelEntity, '2025-06-01')).toMatchObject({ score: 100, grade: 'A', clearWave: { eligible: true } });
  });

  it('2. the same entity on 1 December 2026 with nothing new: 70, B, surveillance overdue, still clear wave', () => {
    const card = score(modelEntity, '2026-12-01');
    expect(card.pillars).toEqual({ prevention: 20, training: 0, conflicts_of_interest: 20, integrity: 30 });
    expect(card).toMatchObject({ score: 70, grade: 'B', clearWave: { eligible: true } });
    expect(card.flags.map((f) => f.code)).toEqual(['SURVEILLANCE_OVERDUE']);
  });

  it('3. conflicts of interest: 10, then 6.67 with an open declaration, then 1.67 once it is overdue', () => {
    const declare = (id: string, on: string) =>
      fact({
        type: 'ConflictOfInterestDeclared',
        data: { declarationId: id, declarantIin: IIN, position: 'p', nature: 'n', declaredOn: on },
      });
    const settle = (id: string, on: string) =>
      fact({
        type: 'ConflictOfInterestSettled',
        data: { declarationId: id, measure: 'recusal', decidedBy: 'd', settledOn: on },
      });
    const two = [
      declare('d1', '2025-01-01'),
      settle('d1', '2025-01-31'),
      declare('d2', '2025-02-01'),
      settle('d2', '2025-03-05'),
    ];
    expect(score(two, '2025-04-01').pillars.conflicts_of_interest).toBe(10);
    const three = [...two, declare('d3', '2025-05-01')];
    expect(score(three, '2025-05-31').pillars.conflicts_of_interest).toBe(6.67);
    expect(score(three, '2025-06-01').pillars.conflicts_of_interest).toBe(1.67);
  });

  it('4. a conviction: free while open, -15 and an accountability gap after 90 days, -8 with the head sanctioned', () => {
    const registered = fact({
      type: 'CorruptionOffenceRegistered',
      data: { offenceId: 'o1', employeeIin: IIN, position: 'p', category: 'bribe_taking', registeredOn: '2024-01-15' },
    });
    const convicted = fact({
      type: 'CorruptionOffenceConvicted',
      data: { offenceId: 'o1', convictedOn: '2024-06-01' },
    });
    const reprimand = fact({
      type: 'PersonalResponsibilitySanctionImposed',
      data: {
        sanctionId: 's1',
        headIin: '900101300126',
        headPosition: 'chairman',
        sanction: 'severe_reprimand',
        offenceId: 'o1',
        imposedOn: '2024-08-30',
      },
    });
    expect(score([registered], '2024-05-01').pillars.integrity).toBe(30);
    expect(score([registered, convicted], '2024-06-02').pillars.integrity).toBe(15);
    expect(score([registered, convicted], '2024-08-30').flags.map((f) => f.code)).not.toContain('ACCOUNTABILITY_GAP');
    expect(score([registered, convicted], '2024-08-31').flags.map((f) => f.code)).toContain('ACCOUNTABILITY_GAP');
    const answered = score([registered, convicted, reprimand], '2024-09-01');
    expect(answered.pillars.integrity).toBe(22);
    expect(answered.flags.map((f) => f.code)).not.toContain('ACCOUNTABILITY_GAP');
    expect(score([registered, convicted], '2027-05-31').pillars.integrity).toBe(15);
    expect(score([registered, convicted], '2027-06-01').pillars.integrity).toBe(30);
  });
});
