import type { Methodology } from './methodology.js';
import type { Grade, Pillar } from './score-card.js';

/**
 * What the points of methodology v1 depend on, counted at one instant. Both ways of scoring
 * (the explained card of `scoreFacts`, and the running score of `ScoreTimeline`) count these
 * and leave the arithmetic to `pointsOf`, so they can never disagree on a number.
 */
export interface ScoreCounts {
  readonly complianceServiceEstablished: boolean;
  /** The best valid certificate: one audited recently enough, one whose audit is overdue, or none. */
  readonly certificate: 'audited' | 'audit_overdue' | 'none';
  readonly recentRiskAnalyses: number;
  readonly recentTrainings: number;
  readonly recentParticipants: number;
  /** Staff total of the latest training record, at any age. */
  readonly latestStaffTotal: number | undefined;
  readonly recentDeclarations: number;
  readonly recentDeclarationsSettledInTime: number;
  readonly overdueDeclarations: number;
  readonly recentGiftBanViolations: number;
  readonly recentUndeclaredConflicts: number;
  readonly recentConvictions: number;
  /** Of the recent convictions, those whose head was sanctioned in time. */
  readonly recentConvictionsWithHeadSanctioned: number;
}

export type FactorName =
  | 'compliance_service'
  | 'valid_certificate'
  | 'valid_certificate_audit_overdue'
  | 'risk_analysis_12m'
  | 'staff_trained_12m'
  | 'declarations_settled_in_time_36m'
  | 'declarations_settlement_overdue'
  | 'integrity_baseline'
  | 'gift_ban_violations_36m'
  | 'undeclared_conflicts_36m'
  | 'employee_convictions_36m'
  | 'employee_convictions_head_sanctioned_36m';

export interface FactorPoints {
  readonly pillar: Pillar;
  readonly factor: FactorName;
  readonly points: number;
}

/** Each factor's points, in the order of the explanation. */
export function pointsOf(counts: ScoreCounts, methodology: Methodology): FactorPoints[] {
  const { prevention, training, conflictsOfInterest: coi, integrity } = methodology;
  const coverage =
    counts.latestStaffTotal !== undefined && counts.recentTrainings > 0
      ? Math.min(1, counts.recentParticipants / counts.latestStaffTotal)
      : 0;
  const unanswered = counts.recentConvictions - counts.recentConvictionsWithHeadSanctioned;
  const factors: FactorPoints[] = [
    {
      pillar: 'prevention',
      factor: 'compliance_service',
      points: counts.complianceServiceEstablished ? prevention.complianceService : 0,
    },
    {
      pillar: 'prevention',
      factor: counts.certificate === 'audit_overdue' ? 'valid_certificate_audit_overdue' : 'valid_certificate',
      points:
        counts.certificate === 'audited'
          ? prevention.validCertificate
          : counts.certificate === 'audit_overdue'
            ? prevention.validCertificateStaleAudit
            : 0,
    },
    {
      pillar: 'prevention',
      factor: 'risk_analysis_12m',
      points: counts.recentRiskAnalyses > 0 ? prevention.recentRiskAnalysis : 0,
    },
    { pillar: 'training', factor: 'staff_trained_12m', points: training.max * coverage },
    {
      pillar: 'conflicts_of_interest',
      factor: 'declarations_settled_in_time_36m',
      points:
        counts.recentDeclarations === 0
          ? coi.max
          : (coi.max * counts.recentDeclarationsSettledInTime) / counts.recentDeclarations,
    },
    {
      pillar: 'conflicts_of_interest',
      factor: 'declarations_settlement_overdue',
      points: -coi.penaltyPerOverdueDeclaration * counts.overdueDeclarations,
    },
    { pillar: 'integrity', factor: 'integrity_baseline', points: integrity.max },
    {
      pillar: 'integrity',
      factor: 'gift_ban_violations_36m',
      points: -integrity.perGiftBanViolation * counts.recentGiftBanViolations,
    },
    {
      pillar: 'integrity',
      factor: 'undeclared_conflicts_36m',
      points: -integrity.perUndeclaredConflict * counts.recentUndeclaredConflicts,
    },
    { pillar: 'integrity', factor: 'employee_convictions_36m', points: -integrity.perConviction * unanswered },
    {
      pillar: 'integrity',
      factor: 'employee_convictions_head_sanctioned_36m',
      points: -integrity.perConvictionWithHeadSanctioned * counts.recentConvictionsWithHeadSanctioned,
    },
  ];
  return factors.map((factor) => ({ ...factor, points: round(factor.points) }));
}

/** Each pillar's total, clamped to its range. */
export function pillarTotals(
  factors: readonly { readonly pillar: Pillar; readonly points: number }[],
  methodology: Methodology,
): Record<Pillar, number> {
  const max: Record<Pillar, number> = {
    prevention: methodology.prevention.max,
    training: methodology.training.max,
    conflicts_of_interest: methodology.conflictsOfInterest.max,
    integrity: methodology.integrity.max,
  };
  const totals = { prevention: 0, training: 0, conflicts_of_interest: 0, integrity: 0 };
  for (const f of factors) totals[f.pillar] += f.points;
  for (const pillar of Object.keys(totals) as Pillar[])
    totals[pillar] = round(Math.min(max[pillar], Math.max(0, totals[pillar])));
  return totals;
}

export function totalOf(pillars: Readonly<Record<Pillar, number>>): number {
  return round(pillars.prevention + pillars.training + pillars.conflicts_of_interest + pillars.integrity);
}

export function gradeOf(score: number, { grades }: Methodology): Grade {
  return score >= grades.A ? 'A' : score >= grades.B ? 'B' : score >= grades.C ? 'C' : 'D';
}

/** The score and grade the counts give, without the explanation. */
export function scoreOfCounts(counts: ScoreCounts, methodology: Methodology): { score: number; grade: Grade } {
  const score = totalOf(pillarTotals(pointsOf(counts, methodology), methodology));
  return { score, grade: gradeOf(score, methodology) };
}

/** Points are kept to two decimals, so explanations add up exactly as shown. */
export function round(points: number): number {
  return Math.round(points * 100) / 100 || 0; // `|| 0`: no -0 in explanations
}
