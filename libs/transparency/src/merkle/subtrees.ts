import { nodeHash, type Hash } from './hashes.js';

/**
 * A complete subtree: the 2^level leaves from `index * 2^level`. Its hash never changes once
 * its last leaf is in, so it is what a tree keeps.
 */
export interface Subtree {
  readonly level: number;
  readonly index: number;
}

/** Reads the hashes of complete subtrees (a store of them, or memory). */
export interface SubtreeReader {
  read(subtrees: readonly Subtree[]): Hash[];
}

/**
 * Where the hash of a complete subtree is kept in a sequence of all of them, in the order an
 * append-only tree completes them (Go's `tlog.StoredHashIndex`): leaf n's hash, then the
 * subtrees it completes, lowest first. Append-only, so a tree is a file that only grows.
 */
export function storedHashIndex(level: number, index: number): number {
  let n = index;
  for (let l = level; l > 0; l--) n = 2 * n + 1;
  let i = 0;
  for (; n > 0; n = Math.floor(n / 2)) i += n;
  return i + level;
}

/** How many complete subtrees a tree of `size` leaves has: 2n minus the ones in n's binary form. */
export function storedHashCount(size: number): number {
  let ones = 0;
  for (let n = size; n > 0; n = Math.floor(n / 2)) ones += n % 2;
  return 2 * size - ones;
}

/**
 * The leaves [lo, hi) as the complete subtrees that make them up, left to right and largest
 * first: a range of RFC 9162's recursion always starts at a multiple of its largest part.
 */
export function rangeSubtrees(lo: number, hi: number): Subtree[] {
  const parts: Subtree[] = [];
  let at = lo;
  for (let level = Math.floor(Math.log2(hi - lo)) + 1; level >= 0; level--) {
    const width = 2 ** level;
    if (at + width <= hi && at % width === 0) {
      parts.push({ level, index: at / width });
      at += width;
    }
  }
  if (at !== hi) throw new RangeError(`[${lo}, ${hi}) is not a range of the tree's recursion`);
  return parts;
}

/** RFC 9162's MTH of the leaves [lo, hi) (lo < hi), folded right to left from their subtrees. */
export function rangeHash(reader: SubtreeReader, lo: number, hi: number): Hash {
  const hashes = reader.read(rangeSubtrees(lo, hi));
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) hash = nodeHash(hashes[i], hash);
  return hash;
}
