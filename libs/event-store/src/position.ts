/**
 * A place in the global, totally ordered log of all events.
 *
 * Positions are opaque to callers: each adapter chooses its own encoding, but every
 * encoding is a fixed-width string, so positions of one store compare correctly as plain
 * strings (in code and in SQL `ORDER BY`/`>` on a TEXT column alike).
 */
export type Position = string & { readonly __brand: 'Position' };

export function comparePositions(a: Position, b: Position): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two positions, treating `undefined` as "before the first event". */
export function laterPosition(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return comparePositions(a, b) >= 0 ? a : b;
}
