import type { Dated } from '../facts/identified-event.js';
import { certificateAt, type CertificateState } from '../record/certificate.js';
import { declarationAt } from '../record/declaration.js';
import type { EntityRecord } from '../record/entity-record.js';
import { convictionOf, offenceAt } from '../record/offence.js';
import {
  convictionsAt,
  lifetimeBanBreaches,
  officeHoldersAt,
  type Conviction,
  type ConvictionsOf,
  type OfficeHolder,
} from './lifetime-ban.js';

export interface DeclarationFacts {
  readonly declared: Dated;
  readonly settled?: Dated;
}

export interface OffenceFacts {
  readonly registered: Dated;
  readonly convicted?: Dated;
  readonly closed?: Dated;
}

export interface TrainingFacts extends Dated {
  readonly participants: number;
  readonly staffTotal: number;
}

/** Everything scoring looks at, as it stood at one instant of business time. */
export interface ScoringFacts {
  readonly complianceService: readonly Dated[];
  readonly certificates: readonly CertificateState[];
  readonly riskAnalyses: readonly Dated[];
  readonly trainings: readonly TrainingFacts[];
  readonly declarations: readonly DeclarationFacts[];
  readonly undeclaredConflicts: readonly Dated[];
  readonly giftBanViolations: readonly Dated[];
  readonly offences: ReadonlyMap<string, OffenceFacts>;
  readonly sanctions: readonly (Dated & { readonly offenceId: string })[];
  /** Office holders who are under the lifetime ban, with their convictions (at any entity). */
  readonly lifetimeBanBreaches: readonly {
    readonly holder: OfficeHolder;
    readonly convictions: readonly Conviction[];
  }[];
}

/**
 * What an entity's record establishes at `asOf` (business time), from each concept's own
 * fold: only what had happened by then counts (a certificate issued tomorrow does not count
 * today).
 */
export function scoringFactsAt(
  record: EntityRecord,
  asOf: number,
  convictionsOf: ConvictionsOf = convictionsAt(record),
): ScoringFacts {
  const happened = <T extends Dated>(facts: Iterable<T>): T[] => [...facts].filter((fact) => fact.at <= asOf);
  const offences = new Map<string, OffenceFacts>();
  for (const [offenceId, life] of record.offences) {
    const offence = offenceAt(life, asOf);
    if (offence === undefined) continue;
    const conviction = convictionOf(offence);
    offences.set(offenceId, {
      registered: offence.registered,
      ...(conviction ? { convicted: conviction } : offence.outcome ? { closed: offence.outcome } : {}),
    });
  }
  return {
    complianceService: happened(record.complianceService),
    certificates: [...record.certificates.values()].flatMap((life) => certificateAt(life, asOf) ?? []),
    riskAnalyses: happened(record.riskAnalyses),
    trainings: happened(record.trainings).map(({ eventId, at, data }) => ({
      eventId,
      at,
      participants: data.participants,
      staffTotal: data.staffTotal,
    })),
    declarations: [...record.declarations.values()].flatMap((life) => {
      const declaration = declarationAt(life, asOf);
      return declaration ? [{ declared: declaration.declared, settled: declaration.settlement }] : [];
    }),
    undeclaredConflicts: happened(record.undeclaredConflicts),
    giftBanViolations: happened(record.giftBanViolations),
    offences,
    sanctions: happened(record.sanctions.values()).map(({ eventId, at, data }) => ({
      eventId,
      at,
      offenceId: data.offenceId,
    })),
    lifetimeBanBreaches: lifetimeBanBreaches(officeHoldersAt(record, asOf), convictionsOf, asOf),
  };
}
