import { GRADES, type Grade } from '#domain';
import {
  Describe,
  IsBin,
  IsBinList,
  IsBusinessDate,
  IsOneOf,
  IsOptional,
  IsOptionalText,
  IsQueryFlag,
  IsQueryInteger,
  IsToken,
} from '../http/validation/field-decorators.js';

export const MAX_PAGE = 1000;
const POSITION = /^[0-9A-Za-z:._-]{1,64}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,200}$/;

/** A global position, as a write answered it (the store checks it is one of its own). */
const IsPosition = (description: string) =>
  IsToken(POSITION, 'a position of the log, as a write answered it', description);

const PAGE_SIZE = `How many at most (1-${MAX_PAGE}); 100 when left out`;

/** Read-your-writes: wait (about 2 s at most) until the read models include this position. */
export class ConsistentQuery {
  @IsOptional()
  @IsPosition(
    'Read your own write: the `position` a write answered. A read of the read models waits (about 2 s at most) until they include it, else 503 with Retry-After; a read of the event log itself includes it already',
  )
  minPosition?: string;
}

/** A page of an entity's history: from a revision, or after the page a cursor ends. */
export class HistoryQuery extends ConsistentQuery {
  @IsOptional()
  @IsQueryInteger(
    0,
    Number.MAX_SAFE_INTEGER,
    "First revision of the first page (inclusive); the entity's first when left out",
  )
  fromRevision?: number;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE, PAGE_SIZE) limit?: number;
  @IsOptional()
  @IsToken(CURSOR, 'the next of a page, as it was given', 'The `next` of the previous page, for the page after it')
  cursor?: string;
}

export class AsOfQuery extends ConsistentQuery {
  @IsOptional() @IsBusinessDate('Business time: evaluate the rules at this instant; now when left out') asOf?: string;
  @IsOptional()
  @IsBusinessDate('System time: use only the events recorded up to this instant; now when left out')
  knownAt?: string;
}

export class LookupRequest {
  @Describe('Up to 1000 BINs; the views come back in the same order')
  @IsBinList(MAX_PAGE)
  bins!: string[];
}

export class ExportQuery extends ConsistentQuery {
  @Describe("Export one entity's stream; every stream when left out")
  @IsOptional()
  @IsBin()
  bin?: string;
  @IsOptional()
  @IsQueryInteger(
    1,
    Number.MAX_SAFE_INTEGER,
    "Export the log as it stood at this many events (a checkpoint's tree size), with each of one entity's events its inclusion proof in that tree; the log's tree now when left out",
  )
  treeSize?: number;
}

export class RegisterListQuery extends ConsistentQuery {
  @Describe('A holding: the entity itself and every entity under it, at any depth')
  @IsOptional()
  @IsBin()
  holding?: string;
  @IsOptionalText(100, 'Words of the name, in any case: each must appear in it (`kazakh rail` finds "Kazakh Railways")')
  name?: string;
  @IsOptional() @IsOneOf(GRADES) grade?: Grade;
  @IsOptionalText(100, 'Sector, exactly as registered') sector?: string;
  @IsOptionalText(100, 'Region, exactly as registered') region?: string;
  @IsOptional() @IsQueryFlag('Holds a valid anti-corruption certificate now') certified?: boolean;
  @IsOptional() @IsQueryFlag('Eligible for the clear wave now') clearWave?: boolean;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE, PAGE_SIZE) limit?: number;
  @IsOptional()
  @IsToken(CURSOR, 'the next of a page, as it was given', 'The `next` of the previous page (send the same filters)')
  cursor?: string;
}

export class ChangesQuery extends ConsistentQuery {
  @IsOptional()
  @IsPosition("Start after this position of the log (a write's `position`); the start of the log when left out")
  after?: string;
  @IsOptional()
  @IsToken(CURSOR, 'the next of a page, as it was given', 'The `next` of the previous page, for the changes after it')
  cursor?: string;
  @IsOptional() @IsQueryInteger(1, MAX_PAGE, PAGE_SIZE) limit?: number;
  @IsOptional()
  @IsQueryFlag('Keep the connection open and stream the changes as server-sent events (`text/event-stream`)')
  follow?: boolean;
}
