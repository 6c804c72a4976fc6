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

/** The factors of the explanation, in order: each one's pillar and name. */
const FACTORS: readonly { readonly pillar: Pillar; readonly name: (counts: ScoreCounts) => FactorName }[] = [
  { pillar: 'prevention', name: () => 'compliance_service' },
  {
    pillar: 'prevention',
    name: (counts) =>
      counts.certificate === 'audit_overdue' ? 'valid_certificate_audit_overdue' : 'valid_certificate',
  },
  { pillar: 'prevention', name: () => 'risk_analysis_12m' },
  { pillar: 'training', name: () => 'staff_trained_12m' },
  { pillar: 'conflicts_of_interest', name: () => 'declarations_settled_in_time_36m' },
  { pillar: 'conflicts_of_interest', name: () => 'declarations_settlement_overdue' },
  { pillar: 'integrity', name: () => 'integrity_baseline' },
  { pillar: 'integrity', name: () => 'gift_ban_violations_36m' },
  { pillar: 'integrity', name: () => 'undeclared_conflicts_36m' },
  { pillar: 'integrity', name: () => 'employee_convictions_36m' },
  { pillar: 'integrity', name: () => 'employee_convictions_head_sanctioned_36m' },
];

/** The points of each factor of FACTORS, rounded, written into `out`: the arithmetic of methodology v1, once. */
function factorPoints(counts: ScoreCounts, methodology: Methodology, out: Float64Array): void {
  const { prevention, training, conflictsOfInterest: coi, integrity } = methodology;
  const coverage =
    counts.latestStaffTotal !== undefined && counts.recentTrainings > 0
      ? Math.min(1, counts.recentParticipants / counts.latestStaffTotal)
      : 0;
  out[0] = counts.complianceServiceEstablished ? prevention.complianceService : 0;
  out[1] =
    counts.certificate === 'audited'
      ? prevention.validCertificate
      : counts.certificate === 'audit_overdue'
        ? prevention.validCertificateStaleAudit
        : 0;
  out[2] = counts.recentRiskAnalyses > 0 ? prevention.recentRiskAnalysis : 0;
  out[3] = training.max * coverage;
  out[4] =
    counts.recentDeclarations === 0
      ? coi.max
      : (coi.max * counts.recentDeclarationsSettledInTime) / counts.recentDeclarations;
  out[5] = -coi.penaltyPerOverdueDeclaration * counts.overdueDeclarations;
  out[6] = integrity.max;
  out[7] = -integrity.perGiftBanViolation * counts.recentGiftBanViolations;
  out[8] = -integrity.perUndeclaredConflict * counts.recentUndeclaredConflicts;
  out[9] = -integrity.perConviction * (counts.recentConvictions - counts.recentConvictionsWithHeadSanctioned);
  out[10] = -integrity.perConvictionWithHeadSanctioned * counts.recentConvictionsWithHeadSanctioned;
  for (let i = 0; i < out.length; i++) out[i] = round(out[i]);
}

/** Each factor's points, in the order of the explanation. */
export function pointsOf(counts: ScoreCounts, methodology: Methodology): FactorPoints[] {
  const points = new Float64Array(FACTORS.length);
  factorPoints(counts, methodology, points);
  return FACTORS.map(({ pillar, name }, i) => ({ pillar, factor: name(counts), points: points[i] }));
}

/** Each pillar's total, clamped to its range. */
export function pillarTotals(
  factors: readonly { readonly pillar: Pillar; readonly points: number }[],
  methodology: Methodology,
): Record<Pillar, number> {
  const totals = { prevention: 0, training: 0, conflicts_of_interest: 0, integrity: 0 };
  for (const f of factors) totals[f.pillar] += f.points;
  for (const pillar of Object.keys(totals) as Pillar[]) totals[pillar] = clamped(totals[pillar], pillar, methodology);
  return totals;
}

export function totalOf(pillars: Readonly<Record<Pillar, number>>): number {
  return round(pillars.prevention + pillars.training + pillars.conflicts_of_interest + pillars.integrity);
}

export function gradeOf(score: number, { grades }: Methodology): Grade {
  return score >= grades.A ? 'A' : score >= grades.B ? 'B' : score >= grades.C ? 'C' : 'D';
}

const scratch = new Float64Array(FACTORS.length);

/**
 * The score and grade the counts give, without the explanation: the same points, pillars and
 * total as `pointsOf`, `pillarTotals` and `totalOf`, without building an object per factor (the
 * running score computes one after every event).
 */
export function scoreOfCounts(counts: ScoreCounts, methodology: Methodology): { score: number; grade: Grade } {
  factorPoints(counts, methodology, scratch);
  const prevention = clamped(scratch[0] + scratch[1] + scratch[2], 'prevention', methodology);
  const training = clamped(scratch[3], 'training', methodology);
  const coi = clamped(scratch[4] + scratch[5], 'conflicts_of_interest', methodology);
  const integrity = clamped(scratch[6] + scratch[7] + scratch[8] + scratch[9] + scratch[10], 'integrity', methodology);
  const score = round(prevention + training + coi + integrity);
  return { score, grade: gradeOf(score, methodology) };
}

function clamped(sum: number, pillar: Pillar, methodology: Methodology): number {
  const max =
    pillar === 'prevention'
      ? methodology.prevention.max
      : pillar === 'training'
        ? methodology.training.max
        : pillar === 'conflicts_of_interest'
          ? methodology.conflictsOfInterest.max
          : methodology.integrity.max;
  return round(Math.min(max, Math.max(0, sum)));
}

/** Points are kept to two decimals, so explanations add up exactly as shown. */
export function round(points: number): number {
  return Math.round(points * 100) / 100 || 0; // `|| 0`: no -0 in explanations
}
