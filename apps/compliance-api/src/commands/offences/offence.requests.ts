import { OFFENCE_CATEGORIES, SANCTIONS, type OffenceCategory, type Sanction } from '#domain';
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

export class OffencePath extends EntityPath {
  @IsRecordId() offenceId!: string;
}

export class RegisterCorruptionOffenceRequest {
  @IsRecordId() offenceId!: string;
  @IsIin() employeeIin!: string;
  @IsText() position!: string;
  @IsOneOf(OFFENCE_CATEGORIES) category!: OffenceCategory;
  @IsHappenedOn() registeredOn!: string;
  @IsOptionalText(MAX_TEXT) description?: string;
}

export class ConvictCorruptionOffenceRequest {
  @Describe('The day the verdict became final.')
  @IsHappenedOn()
  convictedOn!: string;
}

export class CloseCorruptionOffenceRequest {
  @IsHappenedOn() closedOn!: string;
  @IsText(MAX_TEXT) reason!: string;
}

export class ImposeSanctionRequest {
  @IsRecordId() sanctionId!: string;
  @IsIin() headIin!: string;
  @IsText() headPosition!: string;
  @IsOneOf(SANCTIONS) sanction!: Sanction;
  @Describe("The subordinate's offence the head answers for.")
  @IsRecordId()
  offenceId!: string;
  @IsHappenedOn() imposedOn!: string;
}
