import { splitPoint, type Hash } from './hashes.js';
import { rangeHash, type SubtreeReader } from './subtrees.js';

/**
 * RFC 9162 section 2.1.3.1: the inclusion proof (audit path) of leaf `index` in the tree of the
 * first `size` leaves, from the leaf's sibling up to the root's child. Each element is the
 * hash of a range of leaves, read from the complete subtrees that make it up: O(log n) reads.
 */
export function inclusionProof(reader: SubtreeReader, index: number, size: number): Hash[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const path: Hash[] = [];
  // walk down from the root, noting each sibling; the path lists them from the bottom up
  for (let lo = 0, hi = size, m = index; hi - lo > 1;) {
    const k = splitPoint(hi - lo);
    if (m < k) {
      path.push(rangeHash(reader, lo + k, hi));
      hi = lo + k;
    } else {
      path.push(rangeHash(reader, lo, lo + k));
      lo += k;
      m -= k;
    }
  }
  return path.reverse();
}

/**
 * RFC 9162 section 2.1.4.1: the consistency proof that the tree of the first `from` leaves is a
 * prefix of the tree of the first `to` leaves (0 < from <= to), in the RFC's order.
 */
export function consistencyProof(reader: SubtreeReader, from: number, to: number): Hash[] {
  if (!(from > 0 && from <= to)) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const proof: Hash[] = [];
  let lo = 0;
  let hi = to;
  let m = from;
  let whole = true; // SUBPROOF's b: the subtree is the whole old tree
  while (m !== hi - lo) {
    const k = splitPoint(hi - lo);
    if (m <= k) {
      proof.push(rangeHash(reader, lo + k, hi));
      hi = lo + k;
    } else {
      proof.push(rangeHash(reader, lo, lo + k));
      lo += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) proof.push(rangeHash(reader, lo, hi));
  return proof.reverse();
}
