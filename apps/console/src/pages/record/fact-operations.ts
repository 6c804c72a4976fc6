import type { paths } from '#api-contract';

type WriteOperation = `${'POST' | 'PATCH'} ${keyof paths & string}`;

/**
 * The write operation that records each fact an officer may record, retract or correct: what the
 * record menu offers and which form a correction opens. Checked against the contract's paths by
 * the compiler; registration and the amendments themselves are not among them.
 */
export const FACT_OPERATIONS = {
  EntityDetailsChanged: 'PATCH /v1/entities/{bin}',
  ComplianceServiceEstablished: 'POST /v1/entities/{bin}/compliance-service',
  HeadAppointed: 'POST /v1/entities/{bin}/heads',
  HeadDismissed: 'POST /v1/entities/{bin}/heads/{iin}/dismissal',
  CertificateIssued: 'POST /v1/entities/{bin}/certificates',
  SurveillanceAuditCompleted: 'POST /v1/entities/{bin}/certificates/{certificateId}/surveillance-audits',
  CertificateSuspended: 'POST /v1/entities/{bin}/certificates/{certificateId}/suspension',
  CertificateReinstated: 'POST /v1/entities/{bin}/certificates/{certificateId}/reinstatement',
  CertificateWithdrawn: 'POST /v1/entities/{bin}/certificates/{certificateId}/withdrawal',
  CertificateRenewed: 'POST /v1/entities/{bin}/certificates/{certificateId}/renewal',
  ConflictOfInterestDeclared: 'POST /v1/entities/{bin}/conflicts-of-interest',
  ConflictOfInterestSettled: 'POST /v1/entities/{bin}/conflicts-of-interest/{declarationId}/settlement',
  UndeclaredConflictDetected: 'POST /v1/entities/{bin}/undeclared-conflicts',
  GiftReported: 'POST /v1/entities/{bin}/gifts',
  GiftHandedOver: 'POST /v1/entities/{bin}/gifts/{giftId}/hand-over',
  GiftBanViolationRecorded: 'POST /v1/entities/{bin}/gift-ban-violations',
  CorruptionOffenceRegistered: 'POST /v1/entities/{bin}/corruption-offences',
  CorruptionOffenceConvicted: 'POST /v1/entities/{bin}/corruption-offences/{offenceId}/conviction',
  CorruptionOffenceClosed: 'POST /v1/entities/{bin}/corruption-offences/{offenceId}/closure',
  PersonalResponsibilitySanctionImposed: 'POST /v1/entities/{bin}/sanctions',
  CorruptionRiskAnalysisCompleted: 'POST /v1/entities/{bin}/risk-analyses',
  AntiCorruptionTrainingCompleted: 'POST /v1/entities/{bin}/trainings',
  RegisterIndexRecorded: 'POST /v1/entities/{bin}/register-indices',
} as const satisfies Record<string, WriteOperation>;

export type RecordableFact = keyof typeof FACT_OPERATIONS;
export const RECORDABLE_FACTS = Object.keys(FACT_OPERATIONS) as RecordableFact[];

export function isRecordableFact(type: string): type is RecordableFact {
  return Object.hasOwn(FACT_OPERATIONS, type);
}

/** The register operator supplies register indices; officers record the rest. */
export function factsFor(role: string): RecordableFact[] {
  if (role === 'registry') return ['RegisterIndexRecorded'];
  if (role === 'officer') return RECORDABLE_FACTS.filter((fact) => fact !== 'RegisterIndexRecorded');
  return role === 'admin' ? RECORDABLE_FACTS : [];
}
