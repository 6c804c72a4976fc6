import type {
  AuditOutcome,
  OffenceCategory,
  RegisterIndex,
  Sanction,
  SettlementMeasure,
  Standard,
} from './vocabulary.js';

/**
 * Every fact recorded about an entity, in the shape of the current schema version. Dates
 * are ISO 8601 strings (see time/business-date.ts); personal identifiers are IINs.
 */
export type ComplianceEvent =
  | Fact<
      'EntityRegistered',
      {
        bin: string;
        name: string;
        legalForm?: string;
        stateSharePercent: number;
        parentBin?: string;
        sector?: string;
        region?: string;
        registeredOn?: string;
      }
    >
  | Fact<
      'EntityDetailsChanged',
      {
        name?: string;
        legalForm?: string;
        stateSharePercent?: number;
        parentBin?: string;
        sector?: string;
        region?: string;
        changedOn: string;
      }
    >
  | Fact<'ComplianceServiceEstablished', { officerIin: string; officerName?: string; establishedOn: string }>
  | Fact<'HeadAppointed', { iin: string; fullName: string; position: string; appointedOn: string }>
  | Fact<'HeadDismissed', { iin: string; dismissedOn: string; reason?: string }>
  | Fact<
      'CertificateIssued',
      {
        certificateId: string;
        certificateNumber: string;
        standard: Standard;
        edition?: string;
        certificationBody: string;
        scope?: string;
        issuedOn: string;
        expiresOn: string;
      }
    >
  | Fact<
      'SurveillanceAuditCompleted',
      { certificateId: string; auditedOn: string; outcome: AuditOutcome; notes?: string }
    >
  | Fact<'CertificateSuspended', { certificateId: string; suspendedOn: string; reason: string }>
  | Fact<'CertificateReinstated', { certificateId: string; reinstatedOn: string }>
  | Fact<'CertificateWithdrawn', { certificateId: string; withdrawnOn: string; reason: string }>
  | Fact<
      'CertificateRenewed',
      { certificateId: string; renewedOn: string; expiresOn: string; certificateNumber?: string }
    >
  | Fact<
      'ConflictOfInterestDeclared',
      {
        declarationId: string;
        declarantIin: string;
        position: string;
        nature: string;
        relatedParty?: string;
        declaredOn: string;
      }
    >
  | Fact<
      'ConflictOfInterestSettled',
      {
        declarationId: string;
        measure: SettlementMeasure;
        decidedBy: string;
        settledOn: string;
      }
    >
  | Fact<
      'UndeclaredConflictDetected',
      {
        personIin: string;
        position?: string;
        description: string;
        detectedOn: string;
        detectionSource?: string;
      }
    >
  | Fact<
      'GiftReported',
      {
        giftId: string;
        recipientIin: string;
        recipientIsFamilyMember: boolean;
        donor: string;
        description: string;
        valueKzt: number;
        receivedOn: string;
      }
    >
  | Fact<'GiftHandedOver', { giftId: string; handedOverOn: string; handedOverTo: string }>
  | Fact<'GiftBanViolationRecorded', { personIin: string; description: string; occurredOn: string; valueKzt?: number }>
  | Fact<
      'CorruptionOffenceRegistered',
      {
        offenceId: string;
        employeeIin: string;
        position: string;
        category: OffenceCategory;
        registeredOn: string;
        description?: string;
      }
    >
  | Fact<'CorruptionOffenceConvicted', { offenceId: string; convictedOn: string }>
  | Fact<'CorruptionOffenceClosed', { offenceId: string; closedOn: string; reason: string }>
  | Fact<
      'PersonalResponsibilitySanctionImposed',
      {
        sanctionId: string;
        headIin: string;
        headPosition: string;
        sanction: Sanction;
        offenceId: string;
        imposedOn: string;
      }
    >
  | Fact<
      'CorruptionRiskAnalysisCompleted',
      {
        period: string;
        completedOn: string;
        risksFound: number;
        publicCouncilInvolved: boolean;
      }
    >
  | Fact<
      'AntiCorruptionTrainingCompleted',
      { completedOn: string; participants: number; staffTotal: number; programme?: string }
    >
  | Fact<'RegisterIndexRecorded', { index: RegisterIndex; value: number; source: string; asOf: string }>
  /** A fact recorded in error stops counting; the fact stays in the log, marked. */
  | Fact<'FactRetracted', { retractedEventId: string; reason: string; retractedOn?: string }>
  /**
   * The complete corrected data of a fact, in place of what it said (the latest correction
   * wins); the data has the shape of the corrected fact's own type.
   */
  | Fact<'FactCorrected', { correctedEventId: string; reason: string; data: Readonly<Record<string, unknown>> }>;

interface Fact<Type extends string, Data> {
  readonly type: Type;
  readonly data: Readonly<Data>;
}

export type ComplianceEventType = ComplianceEvent['type'];

export type EventOf<Type extends ComplianceEventType> = Extract<ComplianceEvent, { type: Type }>;

/** Events that change what an earlier fact says, rather than recording a fact of their own. */
export const AMENDMENT_TYPES = ['FactRetracted', 'FactCorrected'] as const satisfies readonly ComplianceEventType[];
export type AmendmentType = (typeof AMENDMENT_TYPES)[number];
export type FactType = Exclude<ComplianceEventType, AmendmentType>;

export function isAmendment(event: ComplianceEvent): event is EventOf<AmendmentType> {
  return event.type === 'FactRetracted' || event.type === 'FactCorrected';
}

/** The data field that holds each event's business date ("occurred on"); none for a correction. */
export const BUSINESS_DATE_FIELD = {
  EntityRegistered: 'registeredOn',
  EntityDetailsChanged: 'changedOn',
  ComplianceServiceEstablished: 'establishedOn',
  HeadAppointed: 'appointedOn',
  HeadDismissed: 'dismissedOn',
  CertificateIssued: 'issuedOn',
  SurveillanceAuditCompleted: 'auditedOn',
  CertificateSuspended: 'suspendedOn',
  CertificateReinstated: 'reinstatedOn',
  CertificateWithdrawn: 'withdrawnOn',
  CertificateRenewed: 'renewedOn',
  ConflictOfInterestDeclared: 'declaredOn',
  ConflictOfInterestSettled: 'settledOn',
  UndeclaredConflictDetected: 'detectedOn',
  GiftReported: 'receivedOn',
  GiftHandedOver: 'handedOverOn',
  GiftBanViolationRecorded: 'occurredOn',
  CorruptionOffenceRegistered: 'registeredOn',
  CorruptionOffenceConvicted: 'convictedOn',
  CorruptionOffenceClosed: 'closedOn',
  PersonalResponsibilitySanctionImposed: 'imposedOn',
  CorruptionRiskAnalysisCompleted: 'completedOn',
  AntiCorruptionTrainingCompleted: 'completedOn',
  RegisterIndexRecorded: 'asOf',
  FactRetracted: 'retractedOn',
  FactCorrected: null,
} as const satisfies { [T in ComplianceEventType]: keyof EventOf<T>['data'] | null };

export const COMPLIANCE_EVENT_TYPES = Object.keys(BUSINESS_DATE_FIELD) as ComplianceEventType[];

/** The business date of an event, when it has one (an entity's registration date is optional). */
export function occurredOn(event: ComplianceEvent): string | undefined {
  const field = BUSINESS_DATE_FIELD[event.type];
  return field === null ? undefined : ((event.data as Record<string, unknown>)[field] as string | undefined);
}

/**
 * The fields that name a fact's own thing (its certificate, declaration, gift, offence,
 * sanction, or head): what a correction may not change.
 */
export const IDENTIFIER_FIELDS: { readonly [T in FactType]: readonly (keyof EventOf<T>['data'] & string)[] } = {
  EntityRegistered: ['bin'],
  EntityDetailsChanged: [],
  ComplianceServiceEstablished: [],
  HeadAppointed: ['iin'],
  HeadDismissed: ['iin'],
  CertificateIssued: ['certificateId'],
  SurveillanceAuditCompleted: ['certificateId'],
  CertificateSuspended: ['certificateId'],
  CertificateReinstated: ['certificateId'],
  CertificateWithdrawn: ['certificateId'],
  CertificateRenewed: ['certificateId'],
  ConflictOfInterestDeclared: ['declarationId'],
  ConflictOfInterestSettled: ['declarationId'],
  UndeclaredConflictDetected: [],
  GiftReported: ['giftId'],
  GiftHandedOver: ['giftId'],
  GiftBanViolationRecorded: [],
  CorruptionOffenceRegistered: ['offenceId'],
  CorruptionOffenceConvicted: ['offenceId'],
  CorruptionOffenceClosed: ['offenceId'],
  PersonalResponsibilitySanctionImposed: ['sanctionId'],
  CorruptionRiskAnalysisCompleted: [],
  AntiCorruptionTrainingCompleted: [],
  RegisterIndexRecorded: [],
};
