import { validationProblem } from '../../http/problem-details/problem.js';

/** The paged reads, each with the kind of place its pages continue from. */
interface CursorPlaces {
  /** the register list, by BIN */
  readonly register: string;
  /** an entity's events, by revision */
  readonly events: number;
  /** an entity's score history, by revision */
  readonly 'score-history': number;
  /** the changes feed, by log position */
  readonly changes: string;
}
export type PagedRead = keyof CursorPlaces;

/**
 * One paging scheme for every paged read: a page's `next` is an opaque cursor, sent back as
 * `?cursor=` to the same read (with the same filters) for the page after it. It names the read it
 * belongs to, so a cursor of another read is refused rather than misread.
 */
export function pageCursor<Read extends PagedRead>(read: Read, place: CursorPlaces[Read]): string {
  return Buffer.from(JSON.stringify([read, place])).toString('base64url');
}

/** Where a cursor of `read` continues from; 400 naming `cursor` for anything else. */
export function placeOf<Read extends PagedRead>(read: Read, cursor: string): CursorPlaces[Read] {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== read || !PLACE_CHECKS[read](decoded[1])) {
    throw validationProblem([{ field: 'cursor', message: `cursor must be the next of a page of this read (${read})` }]);
  }
  return decoded[1] as CursorPlaces[Read];
}

const PLACE_CHECKS: { readonly [Read in PagedRead]: (place: unknown) => boolean } = {
  register: (place) => typeof place === 'string' && /^\d{12}$/.test(place),
  events: (place) => Number.isSafeInteger(place) && (place as number) >= 0,
  'score-history': (place) => Number.isSafeInteger(place) && (place as number) >= 0,
  changes: (place) => typeof place === 'string' && place.length > 0 && place.length <= 64,
};

/** Only one of the two ways to say where a page starts. */
export function oneStart(first: string, firstValue: unknown, cursor: string | undefined): void {
  if (firstValue !== undefined && cursor !== undefined) {
    throw validationProblem([
      { field: first, message: `${first} starts a reading, cursor continues one: send one of them, not both` },
    ]);
  }
}
