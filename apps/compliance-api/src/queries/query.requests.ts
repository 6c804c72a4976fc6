import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsString, Matches, Max, Min } from 'class-validator';
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

/** Read-your-writes: wait (about 2 s at most) until the read models include this position. */
export class ConsistentAsOfQuery extends AsOfQuery {
  @IsOptional()
  @IsString()
  @Matches(/^[0-9A-Za-z:._-]{1,64}$/, { message: 'minPosition must be a position returned by a write' })
  minPosition?: string;
}

export class LookupRequest {
  /** Up to 1000 BINs; the views come back in the same order. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_PAGE) @IsBin({ each: true }) bins!: string[];
}

export class ExportQuery {
  /** Export one entity's stream; every stream when left out. */
  @IsOptional() @IsBin() bin?: string;
}
