import { daysBetween, monthsBefore } from './calendar.js';
import type { Methodology } from './methodology.js';
import type { ClearWaveCondition, Factor, Flag, FlagCode, Grade, Pillar, ScoreCard } from './score-card.js';
import {
  scoringFactsAt,
  type CertificateFacts,
  type Dated,
  type ScoredEvent,
  type ScoringFacts,
} from './scoring-facts.js';

/**
 * Scores an entity under a methodology at one instant of business time (PRODUCT.md section
 * 4; worked examples in docs/METHODOLOGY.md). Pure: the same events, instant and methodology
 * always give the same card. To answer "what did we know then", pass only the events
 * recorded by then.
 */
export function scoreEntity(events: readonly ScoredEvent[], asOf: number, methodology: Methodology): ScoreCard {
  return scoreFacts(scoringFactsAt(events, asOf), asOf, methodology);
}

/** Scores the facts an entity's events establish at `asOf` (see `scoringFactsAt`). */
export function scoreFacts(facts: ScoringFacts, asOf: number, methodology: Methodology): ScoreCard {
  const window = withinMonthsBefore(asOf);
  const ids = (dated: readonly Dated[]) => dated.map((d) => d.eventId);

  const validCertificates = facts.certificates.filter((c) => isValid(c, asOf));
  // stale when "more than 15 months old": exactly 15 months is still fresh
  const auditFreshFrom = monthsBefore(asOf, methodology.prevention.auditStaleAfterMonths);
  const auditIsFresh = (c: CertificateFacts) => c.lastAudit.at >= auditFreshFrom;
  const bestCertificate = validCertificates.find(auditIsFresh) ?? validCertificates[0];

  const factors: Factor[] = [
    ...preventionFactors(facts, bestCertificate, auditIsFresh, window, methodology),
    trainingFactor(facts, window, methodology),
    ...conflictOfInterestFactors(facts, asOf, window, methodology),
    ...integrityFactors(facts, window, methodology),
  ].map((f) => ({ ...f, points: round(f.points) }));
  const pillars = pillarTotals(factors, methodology);
  const score = round(pillars.prevention + pillars.training + pillars.conflicts_of_interest + pillars.integrity);

  const recent = window(methodology.flags.recentWindowMonths);
  const convictions = [...facts.offences.values()].flatMap((o) => (o.convicted ? [o.convicted] : []));
  const flags = raisedFlags({
    NO_COMPLIANCE_SERVICE: facts.complianceService.length === 0 ? [] : undefined,
    NO_VALID_CERTIFICATE: validCertificates.length === 0 ? ids(facts.certificates.map(lastWord)) : undefined,
    CERTIFICATE_SUSPENDED: nonEmpty(
      facts.certificates.flatMap((c) => (c.suspension && !c.withdrawal ? [c.suspension.eventId] : [])),
    ),
    CERTIFICATE_EXPIRED:
      validCertificates.length === 0
        ? nonEmpty(
            facts.certificates.filter((c) => !c.withdrawal && c.expiresAt <= asOf).map((c) => c.expirySource.eventId),
          )
        : undefined,
    CERTIFICATE_WITHDRAWN_12M: nonEmpty(
      ids(
        facts.certificates
          .flatMap((c) => (c.withdrawal ? [c.withdrawal] : []))
          .filter(window(methodology.flags.certificateWithdrawnWindowMonths)),
      ),
    ),
    SURVEILLANCE_OVERDUE:
      validCertificates.length > 0 && !validCertificates.some(auditIsFresh)
        ? validCertificates.map((c) => c.lastAudit.eventId)
        : undefined,
    COI_SETTLEMENT_OVERDUE: nonEmpty(ids(overdueDeclarations(facts, asOf, methodology).map((d) => d.declared))),
    GIFT_BAN_VIOLATION_36M: nonEmpty(ids(facts.giftBanViolations.filter(recent))),
    UNDECLARED_CONFLICT_36M: nonEmpty(ids(facts.undeclaredConflicts.filter(recent))),
    EMPLOYEE_CONVICTED_36M: nonEmpty(ids(convictions.filter(recent))),
    OFFENCE_UNDER_INVESTIGATION: nonEmpty(
      [...facts.offences.values()].filter((o) => !o.convicted && !o.closed).map((o) => o.registered.eventId),
    ),
    HEAD_SANCTIONED_36M: nonEmpty(ids(facts.sanctions.filter(recent))),
    ACCOUNTABILITY_GAP: nonEmpty(
      [...facts.offences.entries()]
        .filter(
          ([offenceId, o]) =>
            o.convicted &&
            recent(o.convicted) &&
            daysBetween(o.convicted.at, asOf) > methodology.flags.accountabilityGapAfterDays &&
            !facts.sanctions.some((s) => s.offenceId === offenceId),
        )
        .map(([, o]) => (o.convicted as Dated).eventId),
    ),
  });

  const clean = window(methodology.clearWave.cleanRecordWindowMonths);
  const unmet: ClearWaveCondition[] = [];
  if (validCertificates.length === 0) unmet.push('VALID_CERTIFICATE');
  if (facts.complianceService.length === 0) unmet.push('COMPLIANCE_SERVICE');
  if (convictions.some(clean)) unmet.push('NO_CONVICTION_12M');
  if (facts.giftBanViolations.some(clean)) unmet.push('NO_GIFT_BAN_VIOLATION_12M');
  if (facts.undeclaredConflicts.some(clean)) unmet.push('NO_UNDECLARED_CONFLICT_12M');
  if (score < methodology.clearWave.minimumScore) unmet.push('MINIMUM_SCORE');

  return {
    score,
    grade: gradeOf(score, methodology),
    methodologyVersion: methodology.version,
    asOf: new Date(asOf).toISOString(),
    pillars,
    factors,
    flags,
    clearWave: { eligible: unmet.length === 0, unmet },
  };
}

type Window = (months: number) => (dated: Dated) => boolean;

function preventionFactors(
  facts: ScoringFacts,
  certificate: CertificateFacts | undefined,
  auditIsFresh: (c: CertificateFacts) => boolean,
  window: Window,
  { prevention }: Methodology,
): Factor[] {
  const analyses = facts.riskAnalyses.filter(window(prevention.riskAnalysisWindowMonths));
  const certificatePoints = !certificate
    ? 0
    : auditIsFresh(certificate)
      ? prevention.validCertificate
      : prevention.validCertificateStaleAudit;
  return [
    {
      pillar: 'prevention',
      factor: 'compliance_service',
      points: facts.complianceService.length > 0 ? prevention.complianceService : 0,
      eventIds: facts.complianceService.map((d) => d.eventId),
    },
    {
      pillar: 'prevention',
      factor: certificate && !auditIsFresh(certificate) ? 'valid_certificate_audit_overdue' : 'valid_certificate',
      points: certificatePoints,
      eventIds: certificate
        ? unique([certificate.issued.eventId, certificate.expirySource.eventId, certificate.lastAudit.eventId])
        : [],
    },
    {
      pillar: 'prevention',
      factor: 'risk_analysis_12m',
      points: analyses.length > 0 ? prevention.recentRiskAnalysis : 0,
      eventIds: analyses.map((d) => d.eventId),
    },
  ];
}

function trainingFactor(facts: ScoringFacts, window: Window, { training }: Methodology): Factor {
  const recent = facts.trainings.filter(window(training.windowMonths));
  const latest = facts.trainings.reduce<(typeof facts.trainings)[number] | undefined>(
    (last, t) => (last === undefined || t.at >= last.at ? t : last),
    undefined,
  );
  const participants = recent.reduce((sum, t) => sum + t.participants, 0);
  const coverage = latest && recent.length > 0 ? Math.min(1, participants / latest.staffTotal) : 0;
  return {
    pillar: 'training',
    factor: 'staff_trained_12m',
    points: round(training.max * coverage),
    eventIds: recent.map((t) => t.eventId),
  };
}

function conflictOfInterestFactors(
  facts: ScoringFacts,
  asOf: number,
  window: Window,
  methodology: Methodology,
): Factor[] {
  const { conflictsOfInterest: policy } = methodology;
  const recent = facts.declarations.filter((d) => window(policy.windowMonths)(d.declared));
  const inTime = recent.filter((d) => d.settled && daysBetween(d.declared.at, d.settled.at) <= policy.settleWithinDays);
  const overdue = overdueDeclarations(facts, asOf, methodology);
  return [
    {
      pillar: 'conflicts_of_interest',
      factor: 'declarations_settled_in_time_36m',
      points: recent.length === 0 ? policy.max : round((policy.max * inTime.length) / recent.length),
      eventIds: inTime.flatMap((d) => [d.declared.eventId, (d.settled as Dated).eventId]),
    },
    {
      pillar: 'conflicts_of_interest',
      factor: 'declarations_settlement_overdue',
      points: -policy.penaltyPerOverdueDeclaration * overdue.length,
      eventIds: overdue.map((d) => d.declared.eventId),
    },
  ];
}

/** Declarations still unsettled more than the allowed days after they were declared. */
function overdueDeclarations(facts: ScoringFacts, asOf: number, { conflictsOfInterest }: Methodology) {
  return facts.declarations.filter(
    (d) => !d.settled && daysBetween(d.declared.at, asOf) > conflictsOfInterest.settleWithinDays,
  );
}

function integrityFactors(facts: ScoringFacts, window: Window, { integrity }: Methodology): Factor[] {
  const recent = window(integrity.windowMonths);
  const convictions = [...facts.offences.entries()].flatMap(([offenceId, o]) =>
    o.convicted && recent(o.convicted) ? [{ offenceId, convicted: o.convicted }] : [],
  );
  // accountability shown: the head was sanctioned for the offence, at the latest this many days after the verdict
  const headSanctioned = (c: (typeof convictions)[number]) =>
    facts.sanctions.find(
      (s) => s.offenceId === c.offenceId && daysBetween(c.convicted.at, s.at) <= integrity.sanctionWithinDays,
    );
  const answered = convictions.filter((c) => headSanctioned(c));
  const unanswered = convictions.filter((c) => !headSanctioned(c));
  const violations = facts.giftBanViolations.filter(recent);
  const undeclared = facts.undeclaredConflicts.filter(recent);
  return [
    { pillar: 'integrity', factor: 'integrity_baseline', points: integrity.max, eventIds: [] },
    {
      pillar: 'integrity',
      factor: 'gift_ban_violations_36m',
      points: -integrity.perGiftBanViolation * violations.length,
      eventIds: violations.map((d) => d.eventId),
    },
    {
      pillar: 'integrity',
      factor: 'undeclared_conflicts_36m',
      points: -integrity.perUndeclaredConflict * undeclared.length,
      eventIds: undeclared.map((d) => d.eventId),
    },
    {
      pillar: 'integrity',
      factor: 'employee_convictions_36m',
      points: -integrity.perConviction * unanswered.length,
      eventIds: unanswered.map((c) => c.convicted.eventId),
    },
    {
      pillar: 'integrity',
      factor: 'employee_convictions_head_sanctioned_36m',
      points: -integrity.perConvictionWithHeadSanctioned * answered.length,
      eventIds: answered.flatMap((c) => [c.convicted.eventId, (headSanctioned(c) as Dated).eventId]),
    },
  ];
}

function pillarTotals(factors: readonly Factor[], methodology: Methodology): Record<Pillar, number> {
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

function isValid(certificate: CertificateFacts, asOf: number): boolean {
  return !certificate.withdrawal && !certificate.suspension && certificate.expiresAt > asOf;
}

/** The event that last spoke about a certificate, to cite when none is valid. */
function lastWord(c: CertificateFacts): Dated {
  return c.withdrawal ?? c.suspension ?? c.expirySource;
}

function gradeOf(score: number, { grades }: Methodology): Grade {
  return score >= grades.A ? 'A' : score >= grades.B ? 'B' : score >= grades.C ? 'C' : 'D';
}

function raisedFlags(candidates: Record<FlagCode, readonly string[] | undefined>): Flag[] {
  return (Object.entries(candidates) as [FlagCode, readonly string[] | undefined][])
    .filter(([, eventIds]) => eventIds !== undefined)
    .map(([code, eventIds]) => ({ code, eventIds: eventIds as readonly string[] }));
}

function nonEmpty(eventIds: readonly string[]): readonly string[] | undefined {
  return eventIds.length > 0 ? eventIds : undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** Points are kept to two decimals, so explanations add up exactly as shown. */
function round(points: number): number {
  return Math.round(points * 100) / 100 || 0; // `|| 0`: no -0 in explanations
}

/** "Within the `months` calendar months up to `asOf`", as a test of dated facts. */
export function withinMonthsBefore(asOf: number): (months: number) => (dated: Dated) => boolean {
  return (months) => {
    const from = monthsBefore(asOf, months);
    return (dated) => dated.at > from && dated.at <= asOf;
  };
}
