import {
  IsAmount,
  IsHappenedOn,
  IsFlag,
  IsIin,
  IsOptional,
  IsRecordId,
  IsText,
  MAX_TEXT,
  Describe,
} from '../../http/validation/field-decorators.js';
import { EntityPath } from '../entities/entity.requests.js';

/** Upper bound on amounts in tenge: far above any real gift, far below float trouble. */
export const MAX_KZT = 1e13;

export class GiftPath extends EntityPath {
  @IsRecordId() giftId!: string;
}

export class ReportGiftRequest {
  @IsRecordId() giftId!: string;
  @IsIin() recipientIin!: string;
  @Describe('The ban covers family members too: a gift to one is reported the same way.')
  @IsFlag()
  recipientIsFamilyMember!: boolean;
  @IsText() donor!: string;
  @IsText(MAX_TEXT) description!: string;
  @IsAmount(0, MAX_KZT) valueKzt!: number;
  @IsHappenedOn() receivedOn!: string;
}

export class HandOverGiftRequest {
  @IsHappenedOn() handedOverOn!: string;
  @IsText() handedOverTo!: string;
}

export class RecordGiftBanViolationRequest {
  @IsIin() personIin!: string;
  @IsText(MAX_TEXT) description!: string;
  @IsHappenedOn() occurredOn!: string;
  @IsOptional() @IsAmount(0, MAX_KZT) valueKzt?: number;
}
