import { describe, expect, it } from '@jest/globals';
import type { ApiSchema } from '#api-contract';
import { deadlinesOf, instantOf } from '../src/pages/entity/deadlines';

type Profile = ApiSchema<'EntityProfile'>;

const profile = (parts: Partial<Profile>): Profile =>
  ({
    bin: '081140000436',
    name: 'Test JSC',
    legalForm: null,
    stateSharePercent: 100,
    parentBin: null,
    sector: null,
    region: null,
    registeredOn: null,
    revision: 0,
    complianceService: null,
    headsInOffice: [],
    certificates: [],
    conflictsOfInterest: [],
    undeclaredConflicts: [],
    gifts: [],
    giftBanViolations: [],
    corruptionOffences: [],
    sanctions: [],
    riskAnalyses: [],
    trainings: [],
    registerIndices: [],
    ...parts,
  }) as Profile;

const declaration = (declarationId: string, declaredOn: string, settled: boolean) => ({
  declarationId,
  declarantIin: '860311300524',
  position: 'clerk',
  nature: 'a supplier is a relative',
  declaredOn,
  settlement: settled ? { measure: 'recusal' as const, decidedBy: 'officer', settledOn: declaredOn } : null,
});
const certificate = (certificateId: string, issuedOn: string, expiresOn: string, audits: string[] = []) => ({
  certificateId,
  certificateNumber: 'N',
  standard: 'ISO_37001' as const,
  certificationBody: 'Body',
  issuedOn,
  expiresOn,
  status: 'active' as const,
  history: audits.map((auditedOn) => ({ type: 'SurveillanceAuditCompleted', data: { auditedOn, outcome: 'passed' } })),
});

describe('the deadlines that matter now', () => {
  const now = instantOf('2025-06-01');

  it('counts 30 days from a declaration not yet settled, due or overdue; a settled one is done', () => {
    const deadlines = deadlinesOf(
      profile({
        conflictsOfInterest: [
          declaration('late', '2025-04-01', false),
          declaration('soon', '2025-05-20', false),
          declaration('done', '2025-05-25', true),
        ] as Profile['conflictsOfInterest'],
      }),
      now,
    );
    expect(deadlines.map((d) => [d.kind, d.id, new Date(d.date).toISOString()])).toEqual([
      ['declarationOverdue', 'late', '2025-04-30T19:00:00.000Z'],
      ['declarationDue', 'soon', '2025-06-18T19:00:00.000Z'],
    ]);
  });

  it('shows a surveillance audit two months before the year is up, overdue after; and a certificate expiring within 90 days', () => {
    const deadlines = deadlinesOf(
      profile({
        certificates: [
          certificate('due', '2024-01-10', '2027-01-10', ['2024-07-15']), // audited last 2024-07-15: due 2025-07-15
          certificate('overdue', '2023-01-10', '2026-01-10'), // never audited: overdue since 2024-01-10
          certificate('expiring', '2022-09-01', '2025-08-01', ['2025-01-05']),
          certificate('fine', '2025-03-01', '2028-03-01'),
        ] as Profile['certificates'],
      }),
      now,
    );
    expect(deadlines.map((d) => [d.kind, d.id])).toEqual([
      ['surveillanceOverdue', 'overdue'],
      ['surveillanceDue', 'due'],
      ['certificateExpires', 'expiring'],
    ]);
  });
});
