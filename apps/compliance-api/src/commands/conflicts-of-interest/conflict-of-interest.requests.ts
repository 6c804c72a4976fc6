import { SETTLEMENT_MEASURES, type SettlementMeasure } from '#domain';
import {
  IsHappenedOn,
  IsIin,
  IsOneOf,
  IsOptionalText,
  IsRecordId,
  IsText,
  MAX_TEXT,
  Describe,
} from '../../http/validation/field-decorators.js';
import { EntityPath } from '../entities/entity.requests.js';

export class DeclarationPath extends EntityPath {
  @IsRecordId() declarationId!: string;
}

export class DeclareConflictOfInterestRequest {
  @IsRecordId() declarationId!: string;
  @IsIin() declarantIin!: string;
  @IsText() position!: string;
  @Describe('What the conflict is: the private interest and the duty it touches.')
  @IsText(MAX_TEXT)
  nature!: string;
  @IsOptionalText() relatedParty?: string;
  @IsHappenedOn() declaredOn!: string;
}

export class SettleConflictOfInterestRequest {
  @IsOneOf(SETTLEMENT_MEASURES) measure!: SettlementMeasure;
  @IsText() decidedBy!: string;
  @IsHappenedOn() settledOn!: string;
}

export class RecordUndeclaredConflictRequest {
  @IsIin() personIin!: string;
  @IsOptionalText() position?: string;
  @IsText(MAX_TEXT) description!: string;
  @IsHappenedOn() detectedOn!: string;
  @IsOptionalText() detectionSource?: string;
}
