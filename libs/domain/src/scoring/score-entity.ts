import type { Dated, IdentifiedEvent } from '../facts/identified-event.js';
import { isValidCertificate, type CertificateState } from '../record/certificate.js';
import { replay, type EntityRecord } from '../record/entity-record.js';
import { daysBetween, monthsBefore } from '../time/calendar.js';
import type { Methodology } from './methodology.js';
import type { ConvictionsOf } from './lifetime-ban.js';
import { gradeOf, pillarTotals, pointsOf, totalOf, type FactorName, type ScoreCounts } from './points.js';
import type { ClearWaveCondition, Factor, Flag, FlagCode, ScoreCard } from './score-card.js';
import { scoringFactsAt, type ScoringFacts } from './scoring-facts.js';

/**
 * Scores an entity under a methodology at one instant of business time (PRODUCT.md section
 * 4; worked examples in docs/METHODOLOGY.md). Pure: the same record, instant and methodology
 * always give the same card. To answer "what did we know then", fold only the events recorded
 * by then.
 */
export function scoreRecord(
  record: EntityRecord,
  asOf: number,
  methodology: Methodology,
  convictionsOf?: ConvictionsOf,
): ScoreCard {
  return scoreFacts(scoringFactsAt(record, asOf, convictionsOf), asOf, methodology);
}

/** Scores an entity from its events (folded into its record first). */
export function scoreEntity(
  events: readonly IdentifiedEvent[],
  asOf: number,
  methodology: Methodology,
  convictionsOf?: ConvictionsOf,
): ScoreCard {
  return scoreRecord(replay(events), asOf, methodology, convictionsOf);
}

/** Scores the facts an entity's record establishes at `asOf` (see `scoringFactsAt`). */
export function scoreFacts(facts: ScoringFacts, asOf: number, methodology: Methodology): ScoreCard {
  const window = withinMonthsBefore(asOf);
  const ids = (dated: readonly Dated[]) => dated.map((d) => d.eventId);

  const validCertificates = facts.certificates.filter((c) => isValidCertificate(c, asOf));
  // stale when "more than 15 months old": exactly 15 months is still fresh
  const auditFreshFrom = monthsBefore(asOf, methodology.prevention.auditStaleAfterMonths);
  const auditIsFresh = (c: CertificateState) => c.lastAudit.at >= auditFreshFrom;
  const bestCertificate = validCertificates.find(auditIsFresh) ?? validCertificates[0];

  const cited = explainedCounts(facts, asOf, bestCertificate, auditIsFresh, window, methodology);
  const factors: Factor[] = pointsOf(cited.counts, methodology).map((f) => ({
    ...f,
    eventIds: cited.eventIds[f.factor],
  }));
  const pillars = pillarTotals(factors, methodology);
  const score = totalOf(pillars);

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
    LIFETIME_BAN_BREACH: nonEmpty(
      unique(facts.lifetimeBanBreaches.flatMap((b) => [b.holder.appointment.eventId, ...ids(b.convictions)])),
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
  if (facts.lifetimeBanBreaches.length > 0) unmet.push('NO_LIFETIME_BAN_BREACH');

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

/** What the points depend on, counted, and the events behind each factor. */
function explainedCounts(
  facts: ScoringFacts,
  asOf: number,
  certificate: CertificateState | undefined,
  auditIsFresh: (c: CertificateState) => boolean,
  window: Window,
  methodology: Methodology,
): { counts: ScoreCounts; eventIds: Record<FactorName, readonly string[]> } {
  const { prevention, training, conflictsOfInterest: coi, integrity } = methodology;
  const ids = (dated: readonly Dated[]) => dated.map((d) => d.eventId);

  const analyses = facts.riskAnalyses.filter(window(prevention.riskAnalysisWindowMonths));
  const trainings = facts.trainings.filter(window(training.windowMonths));
  const latestTraining = facts.trainings.reduce<(typeof facts.trainings)[number] | undefined>(
    (last, t) => (last === undefined || t.at >= last.at ? t : last),
    undefined,
  );
  const declarations = facts.declarations.filter((d) => window(coi.windowMonths)(d.declared));
  const inTime = declarations.filter(
    (d) => d.settled && daysBetween(d.declared.at, d.settled.at) <= coi.settleWithinDays,
  );
  const overdue = overdueDeclarations(facts, asOf, methodology);

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

  const certificateIds = certificate
    ? unique([certificate.issued.eventId, certificate.expirySource.eventId, certificate.lastAudit.eventId])
    : [];
  return {
    counts: {
      complianceServiceEstablished: facts.complianceService.length > 0,
      certificate: !certificate ? 'none' : auditIsFresh(certificate) ? 'audited' : 'audit_overdue',
      recentRiskAnalyses: analyses.length,
      recentTrainings: trainings.length,
      recentParticipants: trainings.reduce((sum, t) => sum + t.participants, 0),
      latestStaffTotal: latestTraining?.staffTotal,
      recentDeclarations: declarations.length,
      recentDeclarationsSettledInTime: inTime.length,
      overdueDeclarations: overdue.length,
      recentGiftBanViolations: violations.length,
      recentUndeclaredConflicts: undeclared.length,
      recentConvictions: convictions.length,
      recentConvictionsWithHeadSanctioned: answered.length,
    },
    eventIds: {
      compliance_service: ids(facts.complianceService),
      valid_certificate: certificateIds,
      valid_certificate_audit_overdue: certificateIds,
      risk_analysis_12m: ids(analyses),
      staff_trained_12m: ids(trainings),
      declarations_settled_in_time_36m: inTime.flatMap((d) => [d.declared.eventId, (d.settled as Dated).eventId]),
      declarations_settlement_overdue: overdue.map((d) => d.declared.eventId),
      integrity_baseline: [],
      gift_ban_violations_36m: ids(violations),
      undeclared_conflicts_36m: ids(undeclared),
      employee_convictions_36m: unanswered.map((c) => c.convicted.eventId),
      employee_convictions_head_sanctioned_36m: answered.flatMap((c) => [
        c.convicted.eventId,
        (headSanctioned(c) as Dated).eventId,
      ]),
    },
  };
}

/** Declarations still unsettled more than the allowed days after they were declared. */
function overdueDeclarations(facts: ScoringFacts, asOf: number, { conflictsOfInterest }: Methodology) {
  return facts.declarations.filter(
    (d) => !d.settled && daysBetween(d.declared.at, asOf) > conflictsOfInterest.settleWithinDays,
  );
}

/** The event that last spoke about a certificate, to cite when none is valid. */
function lastWord(c: CertificateState): Dated {
  return c.withdrawal ?? c.suspension ?? c.expirySource;
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

/** "Within the `months` calendar months up to `asOf`", as a test of dated facts. */
export function withinMonthsBefore(asOf: number): (months: number) => (dated: Dated) => boolean {
  return (months) => {
    const from = monthsBefore(asOf, months);
    return (dated) => dated.at > from && dated.at <= asOf;
  };
}
