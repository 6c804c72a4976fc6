import { Describe, IsEventId, IsOptional, IsQueryInteger } from '../http/validation/field-decorators.js';

const SIZE = Number.MAX_SAFE_INTEGER;

export class CheckpointPath {
  @IsQueryInteger(0, SIZE, 'The tree size of a checkpoint the log signed') treeSize!: number;
}

export class InclusionQuery {
  @Describe('The event whose leaf to prove')
  @IsEventId()
  eventId!: string;
  @IsOptional()
  @IsQueryInteger(1, SIZE, "The tree size to prove it in; the latest checkpoint's when left out")
  treeSize?: number;
}

export class ConsistencyQuery {
  @IsQueryInteger(1, SIZE, 'The older tree size (a checkpoint one kept)') from!: number;
  @IsQueryInteger(1, SIZE, "The newer tree size, at least `from` (the latest checkpoint's, usually)") to!: number;
}
