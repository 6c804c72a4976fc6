import type { ComplianceEvent } from '../compliance-record/events.js';
import { occurredOn } from '../compliance-record/events.js';
import { instantOf } from '../time/business-date.js';

/** An event as scoring sees it: its id (to cite) and its fact. */
export interface ScoredEvent {
  readonly eventId: string;
  readonly event: ComplianceEvent;
}

/** A fact on the timeline: when it happened (epoch ms) and the event that says so. */
export interface Dated {
  readonly eventId: string;
  readonly at: number;
}

export interface CertificateFacts {
  readonly certificateId: string;
  readonly standard: string;
  readonly edition?: string;
  readonly certificateNumber: string;
  readonly certificationBody: string;
  readonly issued: Dated;
  readonly expiresAt: number;
  /** The current expiry as recorded (a date, or a timestamp). */
  readonly expiresOn: string;
  /** The issue, or the renewal that set the current expiry. */
  readonly expirySource: Dated;
  /** The latest audit: the issue, a surveillance audit or a renewal. */
  readonly lastAudit: Dated;
  readonly suspension?: Dated;
  readonly withdrawal?: Dated;
}

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
  readonly certificates: readonly CertificateFacts[];
  readonly riskAnalyses: readonly Dated[];
  readonly trainings: readonly TrainingFacts[];
  readonly declarations: readonly DeclarationFacts[];
  readonly undeclaredConflicts: readonly Dated[];
  readonly giftBanViolations: readonly Dated[];
  readonly offences: ReadonlyMap<string, OffenceFacts>;
  readonly sanctions: readonly (Dated & { readonly offenceId: string })[];
}

/**
 * Folds an entity's events into the facts scoring needs, keeping only what had happened by
 * `asOf` (business time): a certificate issued tomorrow does not count today.
 */
export function scoringFactsAt(events: readonly ScoredEvent[], asOf: number): ScoringFacts {
  const complianceService: Dated[] = [];
  const certificates = new Map<string, CertificateFacts>();
  const riskAnalyses: Dated[] = [];
  const trainings: TrainingFacts[] = [];
  const declarations = new Map<string, DeclarationFacts>();
  const undeclaredConflicts: Dated[] = [];
  const giftBanViolations: Dated[] = [];
  const offences = new Map<string, OffenceFacts>();
  const sanctions: (Dated & { offenceId: string })[] = [];

  const update = <T>(map: Map<string, T>, key: string, change: (current: T) => T): void => {
    const current = map.get(key);
    if (current !== undefined) map.set(key, change(current));
  };

  for (const { eventId, event } of events) {
    const date = occurredOn(event);
    const at = date === undefined ? Number.NEGATIVE_INFINITY : instantOf(date);
    if (at > asOf) continue;
    const dated: Dated = { eventId, at };
    switch (event.type) {
      case 'ComplianceServiceEstablished':
        complianceService.push(dated);
        break;
      case 'CertificateIssued':
        certificates.set(event.data.certificateId, {
          certificateId: event.data.certificateId,
          standard: event.data.standard,
          edition: event.data.edition,
          certificateNumber: event.data.certificateNumber,
          certificationBody: event.data.certificationBody,
          issued: dated,
          expiresAt: instantOf(event.data.expiresOn),
          expiresOn: event.data.expiresOn,
          expirySource: dated,
          lastAudit: dated,
        });
        break;
      case 'SurveillanceAuditCompleted':
        update(certificates, event.data.certificateId, (c) => ({ ...c, lastAudit: dated }));
        break;
      case 'CertificateSuspended':
        update(certificates, event.data.certificateId, (c) => ({ ...c, suspension: dated }));
        break;
      case 'CertificateReinstated':
        update(certificates, event.data.certificateId, (c) => ({ ...c, suspension: undefined }));
        break;
      case 'CertificateWithdrawn':
        update(certificates, event.data.certificateId, (c) => ({ ...c, withdrawal: dated }));
        break;
      case 'CertificateRenewed':
        update(certificates, event.data.certificateId, (c) => ({
          ...c,
          certificateNumber: event.data.certificateNumber ?? c.certificateNumber,
          expiresAt: instantOf(event.data.expiresOn),
          expiresOn: event.data.expiresOn,
          expirySource: dated,
          lastAudit: dated,
        }));
        break;
      case 'CorruptionRiskAnalysisCompleted':
        riskAnalyses.push(dated);
        break;
      case 'AntiCorruptionTrainingCompleted':
        trainings.push({ ...dated, participants: event.data.participants, staffTotal: event.data.staffTotal });
        break;
      case 'ConflictOfInterestDeclared':
        declarations.set(event.data.declarationId, { declared: dated });
        break;
      case 'ConflictOfInterestSettled':
        update(declarations, event.data.declarationId, (d) => ({ ...d, settled: dated }));
        break;
      case 'UndeclaredConflictDetected':
        undeclaredConflicts.push(dated);
        break;
      case 'GiftBanViolationRecorded':
        giftBanViolations.push(dated);
        break;
      case 'CorruptionOffenceRegistered':
        offences.set(event.data.offenceId, { registered: dated });
        break;
      case 'CorruptionOffenceConvicted':
        update(offences, event.data.offenceId, (o) => ({ ...o, convicted: dated }));
        break;
      case 'CorruptionOffenceClosed':
        update(offences, event.data.offenceId, (o) => ({ ...o, closed: dated }));
        break;
      case 'PersonalResponsibilitySanctionImposed':
        sanctions.push({ ...dated, offenceId: event.data.offenceId });
        break;
      default:
        break; // registration, details, heads, gifts handed over, register indices: not scored
    }
  }
  return {
    complianceService,
    certificates: [...certificates.values()],
    riskAnalyses,
    trainings,
    declarations: [...declarations.values()],
    undeclaredConflicts,
    giftBanViolations,
    offences,
    sanctions,
  };
}
