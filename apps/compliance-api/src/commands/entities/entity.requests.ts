import {
  IsAmount,
  IsBin,
  IsHappenedOn,
  IsIin,
  IsOptional,
  IsOptionalText,
  IsText,
  MAX_TEXT,
  Describe,
} from '../../http/validation/field-decorators.js';

export class EntityPath {
  @IsBin() bin!: string;
}

export class HeadPath extends EntityPath {
  @IsIin() iin!: string;
}

export class RegisterEntityRequest {
  @IsBin() bin!: string;
  @IsText() name!: string;
  @IsOptionalText(100) legalForm?: string;
  @Describe("Share of the state in the entity's capital, 0-100.")
  @IsAmount(0, 100)
  stateSharePercent!: number;
  @Describe('BIN of the holding or parent company.')
  @IsOptional()
  @IsBin()
  parentBin?: string;
  @IsOptionalText(100) sector?: string;
  @IsOptionalText(100) region?: string;
  @IsOptional() @IsHappenedOn() registeredOn?: string;
}

/** The details to change; those left out stay as they are. */
export class ChangeEntityDetailsRequest {
  @IsOptionalText() name?: string;
  @IsOptionalText(100) legalForm?: string;
  @IsOptional() @IsAmount(0, 100) stateSharePercent?: number;
  @IsOptional() @IsBin() parentBin?: string;
  @IsOptionalText(100) sector?: string;
  @IsOptionalText(100) region?: string;
  @Describe('When the change took effect.')
  @IsHappenedOn()
  changedOn!: string;
}

export class EstablishComplianceServiceRequest {
  @IsIin() officerIin!: string;
  @IsOptionalText() officerName?: string;
  @IsHappenedOn() establishedOn!: string;
}

export class AppointHeadRequest {
  @IsIin() iin!: string;
  @IsText() fullName!: string;
  @IsText() position!: string;
  @IsHappenedOn() appointedOn!: string;
}

export class DismissHeadRequest {
  @IsHappenedOn() dismissedOn!: string;
  @IsOptionalText(MAX_TEXT) reason?: string;
}
