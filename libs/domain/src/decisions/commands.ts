import type { ComplianceEvent, ComplianceEventType, EventOf } from '../facts/events.js';

/**
 * What an officer (or the register operator) asks to record. Each command records exactly
 * one fact, with the same data as the event it becomes; the decider's job is to check that
 * the fact is possible given everything recorded before.
 */
export const EVENT_OF_COMMAND = {
  RegisterEntity: 'EntityRegistered',
  ChangeEntityDetails: 'EntityDetailsChanged',
  EstablishComplianceService: 'ComplianceServiceEstablished',
  AppointHead: 'HeadAppointed',
  DismissHead: 'HeadDismissed',
  IssueCertificate: 'CertificateIssued',
  CompleteSurveillanceAudit: 'SurveillanceAuditCompleted',
  SuspendCertificate: 'CertificateSuspended',
  ReinstateCertificate: 'CertificateReinstated',
  WithdrawCertificate: 'CertificateWithdrawn',
  RenewCertificate: 'CertificateRenewed',
  DeclareConflictOfInterest: 'ConflictOfInterestDeclared',
  SettleConflictOfInterest: 'ConflictOfInterestSettled',
  RecordUndeclaredConflict: 'UndeclaredConflictDetected',
  ReportGift: 'GiftReported',
  HandOverGift: 'GiftHandedOver',
  RecordGiftBanViolation: 'GiftBanViolationRecorded',
  RegisterCorruptionOffence: 'CorruptionOffenceRegistered',
  ConvictCorruptionOffence: 'CorruptionOffenceConvicted',
  CloseCorruptionOffence: 'CorruptionOffenceClosed',
  ImposePersonalResponsibilitySanction: 'PersonalResponsibilitySanctionImposed',
  CompleteCorruptionRiskAnalysis: 'CorruptionRiskAnalysisCompleted',
  CompleteAntiCorruptionTraining: 'AntiCorruptionTrainingCompleted',
  RecordRegisterIndex: 'RegisterIndexRecorded',
  RetractFact: 'FactRetracted',
  CorrectFact: 'FactCorrected',
} as const satisfies Record<string, ComplianceEventType>;

export type ComplianceCommandType = keyof typeof EVENT_OF_COMMAND;

export type CommandOf<Type extends ComplianceCommandType> = {
  readonly type: Type;
  readonly data: EventOf<(typeof EVENT_OF_COMMAND)[Type]>['data'];
};

export type ComplianceCommand = { [Type in ComplianceCommandType]: CommandOf<Type> }[ComplianceCommandType];

/** The command that records an event's fact: how a history is replayed through the decider. */
export function commandFor(event: ComplianceEvent): ComplianceCommand {
  return { type: COMMAND_OF_EVENT[event.type], data: event.data } as ComplianceCommand;
}

const COMMAND_OF_EVENT = Object.fromEntries(
  Object.entries(EVENT_OF_COMMAND).map(([command, event]) => [event, command]),
) as { readonly [Event in ComplianceEventType]: ComplianceCommandType };
