import { InvalidArgumentError } from '../errors.js';
import type { Position } from '../position.js';

// twenty digits hold any 64-bit rowid, so string order is numeric order
const ZEROS = '00000000000000000000';
const PATTERN = /^\d{20}$/;

export function encodePosition(rowid: number): Position {
  const digits = String(rowid);
  return (ZEROS.slice(digits.length) + digits) as Position;
}

export function decodePosition(position: Position | undefined): number {
  if (position === undefined) return 0;
  if (!PATTERN.test(position)) {
    throw new InvalidArgumentError(`"${position}" is not a position of this event store`);
  }
  return Number(position);
}

export function isSqlitePosition(text: string): text is Position {
  return PATTERN.test(text);
}
