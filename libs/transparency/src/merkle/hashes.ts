import { createHash, hash } from 'node:crypto';

/** A SHA-256 hash of the tree: 32 bytes. */
export type Hash = Buffer;

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
/** 0x01, then room for the two children: one buffer, one one-shot hash (the tree's commonest work). */
const node = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);

/** RFC 9162 section 2.1.1: the hash of a leaf, `SHA-256(0x00 || leaf bytes)`. */
export function leafHash(leaf: Uint8Array | string): Hash {
  // one one-shot hash: a string's UTF-8 after a NUL character is the prefix byte and the leaf's
  return typeof leaf === 'string'
    ? hash('sha256', `\u0000${leaf}`, 'buffer')
    : createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** RFC 9162 section 2.1.1: the hash of an interior node, `SHA-256(0x01 || left || right)`. */
export function nodeHash(left: Hash, right: Hash): Hash {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256')
      .update(Buffer.from([0x01]))
      .update(left)
      .update(right)
      .digest();
  }
  left.copy(node, 1);
  right.copy(node, 1 + HASH_SIZE);
  return hash('sha256', node, 'buffer');
}

/** The root of the empty tree: the hash of no bytes at all. */
export const EMPTY_TREE_ROOT: Hash = createHash('sha256').digest();

/** The largest power of two smaller than `n` (n > 1): where RFC 9162 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
