import { InvalidArgumentError } from '../errors.js';
import type { Position } from '../position.js';

const WIDTH = 20; // enough digits for any 64-bit rowid, so string order is numeric order
const PATTERN = /^\d{20}$/;

export function encodePosition(rowid: number): Position {
  return String(rowid).padStart(WIDTH, '0') as Position;
}

export function decodePosition(position: Position | undefined): number {
  if (position === undefined) return 0;
  if (!PATTERN.test(position)) {
    throw new InvalidArgumentError(`"${position}" is not a position of this event store`);
  }
  return Number(position);
}
