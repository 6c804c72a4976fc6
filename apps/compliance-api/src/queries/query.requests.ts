import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { IsBin, IsBusinessDate, IsOptional } from '../http/validation/field-decorators.js';

export const MAX_PAGE = 1000;

export class HistoryQuery {
  /** First revision of the page (inclusive). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) fromRevision?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) limit?: number;
}

export class AsOfQuery {
  /** Business time: evaluate the rules at this instant. Defaults to now. */
  @IsOptional() @IsBusinessDate() asOf?: string;
  /** System time: use only the events recorded up to this instant. Defaults to now. */
  @IsOptional() @IsBusinessDate() knownAt?: string;
}

export class ExportQuery {
  /** Export one entity's stream; every stream when left out. */
  @IsOptional() @IsBin() bin?: string;
}
