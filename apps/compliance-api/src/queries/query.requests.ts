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
const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

/** A global position, as a write answered it (the store checks it is one of its own). */
const IsPosition = (name: string) =>
  applyDecorators(IsOptional(), IsString(), Matches(POSITION_PATTERN, { message: `${name} must be a position` }));

/** The `next` of the previous page, for the page after it (see paging/page-cursor.ts). */
const IsCursor = () =>
  applyDecorators(
    IsOptional(),
    IsString(),
    Matches(CURSOR_PATTERN, { message: 'cursor must be the next of a page, as it was given' }),
  );

/** Read-your-writes: wait (about 2 s at most) until the read models include this position. */
export class ConsistentQuery {
  @IsPosition('minPosition') minPosition?: string;
}

/** A page of an entity's history: from a revision, or after the page a cursor ends. */
export class HistoryQuery extends ConsistentQuery {
  /** First revision of the first page (inclusive); the entity's first event when left out. */
  @IsOptional() @IsQueryInteger(0, Number.MAX_SAFE_INTEGER) fromRevision?: number;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE) limit?: number;
  @IsCursor() cursor?: string;
}

export class AsOfQuery extends ConsistentQuery {
  /** Business time: evaluate the rules at this instant. Defaults to now. */
  @IsOptional() @IsBusinessDate() asOf?: string;
  /** System time: use only the events recorded up to this instant. Defaults to now. */
  @IsOptional() @IsBusinessDate() knownAt?: string;
}

export class LookupRequest {
  /** Up to 1000 BINs; the views come back in the same order. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_PAGE) @IsBin({ each: true }) bins!: string[];
}

export class ExportQuery extends ConsistentQuery {
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
  @IsCursor() cursor?: string;
}

export class ChangesQuery extends ConsistentQuery {
  /** Start after this position of the log (a write's `position`); the start of the log when left out. */
  @IsPosition('after') after?: string;
  @IsCursor() cursor?: string;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE) limit?: number;
  /** Keep the connection open and stream changes as server-sent events. */
  @IsOptional() @QueryBoolean() @IsBoolean() follow?: boolean;
}
