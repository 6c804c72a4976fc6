import {
  IsHappenedOn,
  IsCount,
  IsFlag,
  IsOptionalText,
  IsText,
  Describe,
} from '../../http/validation/field-decorators.js';

const MAX_STAFF = 10_000_000;

export class CompleteRiskAnalysisRequest {
  @Describe('The period analysed, e.g. 2025 or 2025-H1.')
  @IsText(50)
  period!: string;
  @IsHappenedOn() completedOn!: string;
  @IsCount(0, 100_000) risksFound!: number;
  @IsFlag() publicCouncilInvolved!: boolean;
}

export class CompleteTrainingRequest {
  @IsHappenedOn() completedOn!: string;
  @IsCount(0, MAX_STAFF) participants!: number;
  @IsCount(1, MAX_STAFF) staffTotal!: number;
  @IsOptionalText() programme?: string;
}
