import type { FactType } from '#domain';
import {
  CompleteSurveillanceAuditRequest,
  IssueCertificateRequest,
  ReinstateCertificateRequest,
  RenewCertificateRequest,
  SuspendCertificateRequest,
  WithdrawCertificateRequest,
} from '../certificates/certificate.requests.js';
import {
  DeclareConflictOfInterestRequest,
  RecordUndeclaredConflictRequest,
  SettleConflictOfInterestRequest,
} from '../conflicts-of-interest/conflict-of-interest.requests.js';
import {
  AppointHeadRequest,
  ChangeEntityDetailsRequest,
  DismissHeadRequest,
  EstablishComplianceServiceRequest,
} from '../entities/entity.requests.js';
import { HandOverGiftRequest, RecordGiftBanViolationRequest, ReportGiftRequest } from '../gifts/gift.requests.js';
import {
  CloseCorruptionOffenceRequest,
  ConvictCorruptionOffenceRequest,
  ImposeSanctionRequest,
  RegisterCorruptionOffenceRequest,
} from '../offences/offence.requests.js';
import { CompleteRiskAnalysisRequest, CompleteTrainingRequest } from '../prevention/prevention.requests.js';
import { RecordRegisterIndexRequest } from '../register-indices/register-index.requests.js';

/** How a fact's body is written at the endpoint that records it: its request type, and the fields its path carries. */
export interface RecordingBody {
  readonly request: new () => object;
  readonly fromPath: readonly string[];
}

/**
 * The body of each correctable fact, as its own endpoint takes it: a correction's `data` is
 * validated as that body, and completed with the fields the endpoint's path gave the fact.
 */
export const CORRECTION_BODIES: { readonly [Type in Exclude<FactType, 'EntityRegistered'>]: RecordingBody } = {
  EntityDetailsChanged: { request: ChangeEntityDetailsRequest, fromPath: [] },
  ComplianceServiceEstablished: { request: EstablishComplianceServiceRequest, fromPath: [] },
  HeadAppointed: { request: AppointHeadRequest, fromPath: [] },
  HeadDismissed: { request: DismissHeadRequest, fromPath: ['iin'] },
  CertificateIssued: { request: IssueCertificateRequest, fromPath: [] },
  SurveillanceAuditCompleted: { request: CompleteSurveillanceAuditRequest, fromPath: ['certificateId'] },
  CertificateSuspended: { request: SuspendCertificateRequest, fromPath: ['certificateId'] },
  CertificateReinstated: { request: ReinstateCertificateRequest, fromPath: ['certificateId'] },
  CertificateWithdrawn: { request: WithdrawCertificateRequest, fromPath: ['certificateId'] },
  CertificateRenewed: { request: RenewCertificateRequest, fromPath: ['certificateId'] },
  ConflictOfInterestDeclared: { request: DeclareConflictOfInterestRequest, fromPath: [] },
  ConflictOfInterestSettled: { request: SettleConflictOfInterestRequest, fromPath: ['declarationId'] },
  UndeclaredConflictDetected: { request: RecordUndeclaredConflictRequest, fromPath: [] },
  GiftReported: { request: ReportGiftRequest, fromPath: [] },
  GiftHandedOver: { request: HandOverGiftRequest, fromPath: ['giftId'] },
  GiftBanViolationRecorded: { request: RecordGiftBanViolationRequest, fromPath: [] },
  CorruptionOffenceRegistered: { request: RegisterCorruptionOffenceRequest, fromPath: [] },
  CorruptionOffenceConvicted: { request: ConvictCorruptionOffenceRequest, fromPath: ['offenceId'] },
  CorruptionOffenceClosed: { request: CloseCorruptionOffenceRequest, fromPath: ['offenceId'] },
  PersonalResponsibilitySanctionImposed: { request: ImposeSanctionRequest, fromPath: [] },
  CorruptionRiskAnalysisCompleted: { request: CompleteRiskAnalysisRequest, fromPath: [] },
  AntiCorruptionTrainingCompleted: { request: CompleteTrainingRequest, fromPath: [] },
  RegisterIndexRecorded: { request: RecordRegisterIndexRequest, fromPath: [] },
};

/** The request types a correction's `data` may be: its `anyOf` in the document. */
export const CORRECTION_REQUESTS: readonly (new () => object)[] = [
  ...new Set(Object.values(CORRECTION_BODIES).map((body) => body.request)),
];
