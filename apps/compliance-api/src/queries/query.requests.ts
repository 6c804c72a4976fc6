import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { GRADES, type Grade } from '#domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsString, Matches } from 'class-validator';
import {
  IsBin,
  IsBusinessDate,
  IsOneOf,
  IsOptional,
  IsQueryInteger,
  IsText,
} from '../http/validation/field-decorators.js';

export const MAX_PAGE = 1000;
const POSITION_PATTERN = /^[0-9A-Za-z:._-]{1,64}$/;

export class HistoryQuery {
  /** First revision of the page (inclusive). */
  @IsOptional() @IsQueryInteger(0, Number.MAX_SAFE_INTEGER) fromRevision?: number;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE) limit?: number;
}

/** A global position, as a write answered it or a page's `next` gave it (the store checks it is one). */
const IsPosition = (name: string) =>
  applyDecorators(IsOptional(), IsString(), Matches(POSITION_PATTERN, { message: `${name} must be a position` }));

export class ScoreHistoryQuery extends HistoryQuery {
  @IsPosition('minPosition') minPosition?: string;
}

export class AsOfQuery {
  /** Business time: evaluate the rules at this instant. Defaults to now. */
  @IsOptional() @IsBusinessDate() asOf?: string;
  /** System time: use only the events recorded up to this instant. Defaults to now. */
  @IsOptional() @IsBusinessDate() knownAt?: string;
}

/** Read-your-writes: wait (about 2 s at most) until the read models include this position. */
export class ConsistentQuery {
  @IsPosition('minPosition') minPosition?: string;
}

export class ConsistentAsOfQuery extends AsOfQuery {
  @IsPosition('minPosition') minPosition?: string;
}

export class LookupRequest {
  /** Up to 1000 BINs; the views come back in the same order. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_PAGE) @IsBin({ each: true }) bins!: string[];
}

export class ExportQuery {
  /** Export one entity's stream; every stream when left out. */
  @IsOptional() @IsBin() bin?: string;
}

/** `true` and `false` in a query string, as booleans; anything else is left to be refused. */
const QueryBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

export class RegisterListQuery extends ConsistentQuery {
  @IsOptional() @IsOneOf(GRADES) grade?: Grade;
  @IsOptional() @IsText(100) sector?: string;
  @IsOptional() @IsText(100) region?: string;
  /** Holds a valid anti-corruption certificate now. */
  @IsOptional() @QueryBoolean() @IsBoolean() certified?: boolean;
  @IsOptional() @QueryBoolean() @IsBoolean() clearWave?: boolean;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE) limit?: number;
  /** The `next` cursor of the previous page. */
  @IsOptional() @IsBin() cursor?: string;
}

export class ChangesQuery extends ConsistentQuery {
  /** A position from an earlier page (`next`) or from a write; the start of the log when left out. */
  @IsPosition('after') after?: string;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE) limit?: number;
  /** Keep the connection open and stream changes as server-sent events. */
  @IsOptional() @QueryBoolean() @IsBoolean() follow?: boolean;
}
