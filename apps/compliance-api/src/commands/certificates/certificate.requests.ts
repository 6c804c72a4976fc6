import { STANDARDS, AUDIT_OUTCOMES, type AuditOutcome, type Standard } from '#domain';
import {
  IsExpiryAfter,
  IsHappenedOn,
  IsOneOf,
  IsOptionalText,
  IsRecordId,
  IsText,
  MAX_TEXT,
  Describe,
} from '../../http/validation/field-decorators.js';
import { EntityPath } from '../entities/entity.requests.js';

export class CertificatePath extends EntityPath {
  @IsRecordId() certificateId!: string;
}

export class IssueCertificateRequest {
  @IsRecordId() certificateId!: string;
  @IsText(100) certificateNumber!: string;
  @IsOneOf(STANDARDS) standard!: Standard;
  @Describe('Edition of the standard, e.g. 2016 or 2025 for ISO 37001.')
  @IsOptionalText(20)
  edition?: string;
  @IsText() certificationBody!: string;
  @IsOptionalText(MAX_TEXT) scope?: string;
  @IsHappenedOn() issuedOn!: string;
  @Describe('The last day of validity: valid through it (Kazakhstan time), expired from the next.')
  @IsExpiryAfter('issuedOn')
  expiresOn!: string;
}

export class CompleteSurveillanceAuditRequest {
  @IsHappenedOn() auditedOn!: string;
  @IsOneOf(AUDIT_OUTCOMES) outcome!: AuditOutcome;
  @IsOptionalText(MAX_TEXT) notes?: string;
}

export class SuspendCertificateRequest {
  @IsHappenedOn() suspendedOn!: string;
  @IsText(MAX_TEXT) reason!: string;
}

export class ReinstateCertificateRequest {
  @IsHappenedOn() reinstatedOn!: string;
}

export class WithdrawCertificateRequest {
  @IsHappenedOn() withdrawnOn!: string;
  @IsText(MAX_TEXT) reason!: string;
}

export class RenewCertificateRequest {
  @IsHappenedOn() renewedOn!: string;
  @IsExpiryAfter('renewedOn') expiresOn!: string;
  @IsOptionalText(100) certificateNumber?: string;
}
