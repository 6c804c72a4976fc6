import { createHash } from 'node:crypto';

/** A SHA-256 hash of the tree: 32 bytes. */
export type Hash = Buffer;

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 9162 section 2.1.1: the hash of a leaf, `SHA-256(0x00 || leaf bytes)`. */
export function leafHash(leaf: Uint8Array | string): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** RFC 9162 section 2.1.1: the hash of an interior node, `SHA-256(0x01 || left || right)`. */
export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree: the hash of no bytes at all. */
export const EMPTY_TREE_ROOT: Hash = createHash('sha256').digest();

/** The largest power of two smaller than `n` (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
