import type { RegisterIndex } from '../facts/vocabulary.js';
import { isValidCertificate, type CertificateState } from '../record/certificate.js';
import { detailsAt } from '../record/entity-details.js';
import { recordEntries, type EntityRecord } from '../record/entity-record.js';
import type { Methodology } from '../scoring/methodology.js';
import type { ClearWaveCondition, Flag, Grade } from '../scoring/score-card.js';
import { scoreFacts, withinMonthsBefore } from '../scoring/score-entity.js';
import type { ConvictionsOf } from '../scoring/lifetime-ban.js';
import { scoringFactsAt } from '../scoring/scoring-facts.js';

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

/**
 * The register view of an entity at one business instant, from its record, and the convictions
 * of its office holders at any entity (the lifetime ban). It cites only the entity's own events.
 */
export function registerView(
  bin: string,
  record: EntityRecord,
  asOf: number,
  methodology: Methodology,
  convictionsOf?: ConvictionsOf,
): RegisterView {
  const facts = scoringFactsAt(record, asOf, convictionsOf);
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
    ...entityDetails(record, asOf),
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
    flags: card.flags.map((flag) => (flag.code === 'LIFETIME_BAN_BREACH' ? ownEventsOnly(flag, record) : flag)),
    clearWave: card.clearWave,
    registerIndices: latestIndices(record, asOf),
  };
}

function entityDetails(record: EntityRecord, asOf: number) {
  const details = record.details && detailsAt(record.details, asOf);
  return { name: details?.name ?? '', sector: details?.sector ?? null, region: details?.region ?? null };
}

/** The certificate to show: a valid one if any, else the one issued last, with its status. */
function certificateIndicator(
  certificates: readonly CertificateState[],
  asOf: number,
): RegisterView['indicators']['certificate'] {
  const statusOf = (c: CertificateState): CertificateValidity =>
    c.withdrawal ? 'withdrawn' : c.suspension ? 'suspended' : isValidCertificate(c, asOf) ? 'valid' : 'expired';
  const shown =
    certificates.find((c) => statusOf(c) === 'valid') ?? [...certificates].sort((a, b) => b.issued.at - a.issued.at)[0];
  if (!shown) return null;
  return {
    status: statusOf(shown),
    standard: shown.issue.standard,
    edition: shown.issue.edition ?? null,
    certificateNumber: shown.certificateNumber,
    certificationBody: shown.issue.certificationBody,
    validUntil: shown.expiresOn,
  };
}

/** The latest value of each index supplied by the register operator or a state body. */
function latestIndices(record: EntityRecord, asOf: number): RegisterView['registerIndices'] {
  const latest = new Map<RegisterIndex, { at: number; index: RegisterView['registerIndices'][number] }>();
  for (const { at, data } of record.registerIndices) {
    if (at > asOf) continue;
    const current = latest.get(data.index);
    if (!current || at >= current.at) latest.set(data.index, { at, index: { ...data } });
  }
  return [...latest.values()].map(({ index }) => index);
}

/** A flag citing only the entity's own events: another entity's conviction is not the register's to show. */
function ownEventsOnly(flag: Flag, record: EntityRecord): Flag {
  const own = new Set(recordEntries(record).map((entry) => entry.eventId));
  return { ...flag, eventIds: flag.eventIds.filter((eventId) => own.has(eventId)) };
}
