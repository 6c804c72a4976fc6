import { STANDARDS, AUDIT_OUTCOMES, type AuditOutcome, type Standard } from '#domain';
import {
  IsBusinessDate,
  IsOneOf,
  IsOptionalText,
  IsRecordId,
  IsText,
  MAX_TEXT,
} from '../../http/validation/field-decorators.js';
import { EntityPath } from '../entities/entity.requests.js';

export class CertificatePath extends EntityPath {
  @IsRecordId() certificateId!: string;
}

export class IssueCertificateRequest {
  @IsRecordId() certificateId!: string;
  @IsText(100) certificateNumber!: string;
  @IsOneOf(STANDARDS) standard!: Standard;
  /** Edition of the standard, e.g. 2016 or 2025 for ISO 37001. */
  @IsOptionalText(20) edition?: string;
  @IsText() certificationBody!: string;
  @IsOptionalText(MAX_TEXT) scope?: string;
  @IsBusinessDate() issuedOn!: string;
  @IsBusinessDate() expiresOn!: string;
}

export class CompleteSurveillanceAuditRequest {
  @IsBusinessDate() auditedOn!: string;
  @IsOneOf(AUDIT_OUTCOMES) outcome!: AuditOutcome;
  @IsOptionalText(MAX_TEXT) notes?: string;
}

export class SuspendCertificateRequest {
  @IsBusinessDate() suspendedOn!: string;
  @IsText(MAX_TEXT) reason!: string;
}

export class ReinstateCertificateRequest {
  @IsBusinessDate() reinstatedOn!: string;
}

export class WithdrawCertificateRequest {
  @IsBusinessDate() withdrawnOn!: string;
  @IsText(MAX_TEXT) reason!: string;
}

export class RenewCertificateRequest {
  @IsBusinessDate() renewedOn!: string;
  @IsBusinessDate() expiresOn!: string;
  @IsOptionalText(100) certificateNumber?: string;
}
