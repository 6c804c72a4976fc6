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
  | Fact<'RegisterIndexRecorded', { index: RegisterIndex; value: number; source: string; asOf: string }>;

interface Fact<Type extends string, Data> {
  readonly type: Type;
  readonly data: Readonly<Data>;
}

export type ComplianceEventType = ComplianceEvent['type'];

export type EventOf<Type extends ComplianceEventType> = Extract<ComplianceEvent, { type: Type }>;

/** The data field that holds each event's business date ("occurred on"). */
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
} as const satisfies { [T in ComplianceEventType]: keyof EventOf<T>['data'] };

export const COMPLIANCE_EVENT_TYPES = Object.keys(BUSINESS_DATE_FIELD) as ComplianceEventType[];

/** The business date of an event, when it has one (an entity's registration date is optional). */
export function occurredOn(event: ComplianceEvent): string | undefined {
  const field = BUSINESS_DATE_FIELD[event.type];
  return (event.data as Record<string, unknown>)[field] as string | undefined;
}
