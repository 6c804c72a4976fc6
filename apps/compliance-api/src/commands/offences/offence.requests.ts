import { OFFENCE_CATEGORIES, SANCTIONS, type OffenceCategory, type Sanction } from '#domain';
import {
  IsBusinessDate,
  IsIin,
  IsOneOf,
  IsOptionalText,
  IsRecordId,
  IsText,
  MAX_TEXT,
} from '../../http/validation/field-decorators.js';
import { EntityPath } from '../entities/entity.requests.js';

export class OffencePath extends EntityPath {
  @IsRecordId() offenceId!: string;
}

export class RegisterCorruptionOffenceRequest {
  @IsRecordId() offenceId!: string;
  @IsIin() employeeIin!: string;
  @IsText() position!: string;
  @IsOneOf(OFFENCE_CATEGORIES) category!: OffenceCategory;
  @IsBusinessDate() registeredOn!: string;
  @IsOptionalText(MAX_TEXT) description?: string;
}

export class ConvictCorruptionOffenceRequest {
  /** The day the verdict became final. */
  @IsBusinessDate() convictedOn!: string;
}

export class CloseCorruptionOffenceRequest {
  @IsBusinessDate() closedOn!: string;
  @IsText(MAX_TEXT) reason!: string;
}

export class ImposeSanctionRequest {
  @IsRecordId() sanctionId!: string;
  @IsIin() headIin!: string;
  @IsText() headPosition!: string;
  @IsOneOf(SANCTIONS) sanction!: Sanction;
  /** The subordinate's offence the head answers for. */
  @IsRecordId() offenceId!: string;
  @IsBusinessDate() imposedOn!: string;
}
