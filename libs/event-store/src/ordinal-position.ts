import { InvalidArgumentError } from './errors.js';
import type { Position } from './position.js';

/**
 * Positions of the stores that number their log 1, 2, 3... (SQLite's rowid, PostgreSQL's
 * counter): twenty digits hold any 64-bit integer, so string order is numeric order.
 */
const ZEROS = '00000000000000000000';
const PATTERN = /^\d{20}$/;

export function encodePosition(ordinal: number): Position {
  const digits = String(ordinal);
  return (ZEROS.slice(digits.length) + digits) as Position;
}

/** The ordinal of a position, 0 for "before the first event"; a foreign position is refused. */
export function decodePosition(position: Position | undefined): number {
  if (position === undefined) return 0;
  if (!PATTERN.test(position)) {
    throw new InvalidArgumentError(`"${position}" is not a position of this event store`);
  }
  return Number(position);
}

export function isOrdinalPosition(text: string): text is Position {
  return PATTERN.test(text);
}
