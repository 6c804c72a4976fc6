import { REGISTER_INDICES, type RegisterIndex } from '#domain';
import { IsAmount, IsHappenedOn, IsOneOf, IsText, Describe } from '../../http/validation/field-decorators.js';

export class RecordRegisterIndexRequest {
  @IsOneOf(REGISTER_INDICES) index!: RegisterIndex;
  @IsAmount(-1e9, 1e9) value!: number;
  @Describe('Who supplied the index: the register operator or a state body.')
  @IsText()
  source!: string;
  @IsHappenedOn() asOf!: string;
}
