import { EMPTY_TREE_ROOT, leafHash, nodeHash, type Hash } from './hashes.js';
import type { Subtree } from './subtrees.js';

/**
 * The right edge of a tree: the hash of each complete subtree that its size's binary form
 * names, largest first. Appending a leaf merges the subtrees it completes; the root folds them
 * right to left. O(log n) memory: what a tree needs to grow, or a reader to hash a whole log
 * in one pass.
 */
export class CompactRange {
  private constructor(
    private leaves: number,
    private readonly hashes: Hash[],
  ) {}

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /** The range of a tree of `size` leaves, from the hashes of `CompactRange.subtrees(size)`. */
  static of(size: number, hashes: readonly Hash[]): CompactRange {
    if (hashes.length !== CompactRange.subtrees(size).length) throw new RangeError(`${size} leaves need other hashes`);
    return new CompactRange(size, [...hashes]);
  }

  /** The complete subtrees a tree of `size` leaves ends with, largest first. */
  static subtrees(size: number): Subtree[] {
    const parts: Subtree[] = [];
    let at = 0;
    for (let level = Math.floor(Math.log2(Math.max(size, 1))); level >= 0; level--) {
      const width = 2 ** level;
      if (at + width <= size) {
        parts.push({ level, index: at / width });
        at += width;
      }
    }
    return parts;
  }

  /** A copy to grow without touching this one (until the copy is known to be kept). */
  clone(): CompactRange {
    return new CompactRange(this.leaves, [...this.hashes]);
  }

  get size(): number {
    return this.leaves;
  }

  /** Adds a leaf by its bytes; see `appendHash`. */
  append(leaf: Uint8Array | string): Hash[] {
    return this.appendHash(leafHash(leaf));
  }

  /**
   * Adds a leaf by its hash; answers the hashes of the subtrees it completes, the leaf's first,
   * in the order a store of complete subtrees keeps them (`storedHashIndex`).
   */
  appendHash(leaf: Hash): Hash[] {
    const completed = [leaf];
    let hash = leaf;
    // each trailing 1 bit of the old size is a subtree of the same width that the new one joins
    for (let n = this.leaves; n % 2 === 1; n = Math.floor(n / 2)) {
      hash = nodeHash(this.hashes.pop() as Hash, hash);
      completed.push(hash);
    }
    this.hashes.push(hash);
    this.leaves++;
    return completed;
  }

  /** RFC 9162's MTH of the whole tree. */
  root(): Hash {
    if (this.hashes.length === 0) return EMPTY_TREE_ROOT;
    let hash = this.hashes[this.hashes.length - 1];
    for (let i = this.hashes.length - 2; i >= 0; i--) hash = nodeHash(this.hashes[i], hash);
    return hash;
  }
}
