import type { RegisterIndex } from '../compliance-record/vocabulary.js';
import type { Methodology } from '../scoring/methodology.js';
import type { ClearWaveCondition, Flag, Grade } from '../scoring/score-card.js';
import { scoreFacts, withinMonthsBefore } from '../scoring/score-entity.js';
import { scoringFactsAt, type CertificateFacts, type ScoredEvent } from '../scoring/scoring-facts.js';
import { instantOf } from '../time/business-date.js';

export type CertificateValidity = 'valid' | 'suspended' | 'expired' | 'withdrawn';

export interface RecentCounts {
  readonly convictions: number;
  readonly giftBanViolations: number;
  readonly undeclaredConflicts: number;
  readonly headSanctions: number;
}

/**
 * What NCE "Atameken" publishes about an entity in the Business Partners Register (PRODUCT.md
 * section 5; action-plan item 14). Advisory by construction, and with no personal data of
 * employees: no IIN or name of a person appears in it.
 */
export interface RegisterView {
  readonly bin: string;
  readonly name: string;
  readonly sector: string | null;
  readonly region: string | null;
  readonly advisory: true;
  readonly rating: {
    readonly score: number;
    readonly grade: Grade;
    readonly methodologyVersion: string;
    readonly asOf: string;
  };
  readonly indicators: {
    readonly certificate: {
      readonly status: CertificateValidity;
      readonly standard: string;
      readonly edition: string | null;
      readonly certificateNumber: string;
      readonly certificationBody: string;
      readonly validUntil: string;
    } | null;
    readonly complianceService: { readonly established: boolean };
    readonly openInvestigations: number;
    readonly last12Months: RecentCounts;
    readonly last36Months: RecentCounts;
    readonly conflictsOfInterest: {
      readonly declared36m: number;
      readonly settled36m: number;
      readonly overdue: number;
    };
  };
  readonly flags: readonly Flag[];
  readonly clearWave: { readonly eligible: boolean; readonly unmet: readonly ClearWaveCondition[] };
  readonly registerIndices: readonly {
    readonly index: RegisterIndex;
    readonly value: number;
    readonly source: string;
    readonly asOf: string;
  }[];
}

/**
 * The version of what `registerView` computes. Stored views carry it (with the methodology's
 * settings) and are computed again when it changes: raise it with any change to the view's
 * shape or to the scoring that a stored view would not show.
 */
export const REGISTER_VIEW_FORMAT = 1;

/** The register view of an entity at one business instant, from its events. */
export function registerView(
  bin: string,
  events: readonly ScoredEvent[],
  asOf: number,
  methodology: Methodology,
): RegisterView {
  const facts = scoringFactsAt(events, asOf);
  const card = scoreFacts(facts, asOf, methodology);
  const within = withinMonthsBefore(asOf);
  const counts = (months: number): RecentCounts => {
    const inWindow = within(months);
    return {
      convictions: [...facts.offences.values()].filter((o) => o.convicted && inWindow(o.convicted)).length,
      giftBanViolations: facts.giftBanViolations.filter(inWindow).length,
      undeclaredConflicts: facts.undeclaredConflicts.filter(inWindow).length,
      headSanctions: facts.sanctions.filter(inWindow).length,
    };
  };
  const declared = facts.declarations.filter((d) => within(methodology.conflictsOfInterest.windowMonths)(d.declared));
  const overdue = card.factors.find((f) => f.factor === 'declarations_settlement_overdue')?.eventIds.length ?? 0;

  return {
    bin,
    ...entityDetails(events, asOf),
    advisory: true,
    rating: { score: card.score, grade: card.grade, methodologyVersion: card.methodologyVersion, asOf: card.asOf },
    indicators: {
      certificate: certificateIndicator(facts.certificates, asOf),
      complianceService: { established: facts.complianceService.length > 0 },
      openInvestigations: [...facts.offences.values()].filter((o) => !o.convicted && !o.closed).length,
      last12Months: counts(12),
      last36Months: counts(36),
      conflictsOfInterest: {
        declared36m: declared.length,
        settled36m: declared.filter((d) => d.settled).length,
        overdue,
      },
    },
    flags: card.flags,
    clearWave: card.clearWave,
    registerIndices: latestIndices(events, asOf),
  };
}

function entityDetails(events: readonly ScoredEvent[], asOf: number) {
  let details = { name: '', sector: null as string | null, region: null as string | null };
  for (const { event } of events) {
    if (event.type === 'EntityRegistered') {
      details = { name: event.data.name, sector: event.data.sector ?? null, region: event.data.region ?? null };
    } else if (event.type === 'EntityDetailsChanged' && instantOf(event.data.changedOn) <= asOf) {
      details = {
        name: event.data.name ?? details.name,
        sector: event.data.sector ?? details.sector,
        region: event.data.region ?? details.region,
      };
    }
  }
  return details;
}

/** The certificate to show: a valid one if any, else the one issued last, with its status. */
function certificateIndicator(
  certificates: readonly CertificateFacts[],
  asOf: number,
): RegisterView['indicators']['certificate'] {
  const statusOf = (c: CertificateFacts): CertificateValidity =>
    c.withdrawal ? 'withdrawn' : c.suspension ? 'suspended' : c.expiresAt <= asOf ? 'expired' : 'valid';
  const shown =
    certificates.find((c) => statusOf(c) === 'valid') ?? [...certificates].sort((a, b) => b.issued.at - a.issued.at)[0];
  if (!shown) return null;
  return {
    status: statusOf(shown),
    standard: shown.standard,
    edition: shown.edition ?? null,
    certificateNumber: shown.certificateNumber,
    certificationBody: shown.certificationBody,
    validUntil: shown.expiresOn,
  };
}

/** The latest value of each index supplied by the register operator or a state body. */
function latestIndices(events: readonly ScoredEvent[], asOf: number): RegisterView['registerIndices'] {
  const latest = new Map<RegisterIndex, { index: RegisterIndex; value: number; source: string; asOf: string }>();
  for (const { event } of events) {
    if (event.type !== 'RegisterIndexRecorded' || instantOf(event.data.asOf) > asOf) continue;
    const current = latest.get(event.data.index);
    if (!current || instantOf(event.data.asOf) >= instantOf(current.asOf))
      latest.set(event.data.index, { ...event.data });
  }
  return [...latest.values()];
}
