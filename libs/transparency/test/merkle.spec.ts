import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  CompactRange,
  consistencyProof,
  EMPTY_TREE_ROOT,
  eventLeafHash,
  inclusionProof,
  leafBytes,
  leafHash,
  nodeHash,
  splitPoint,
  storedHashCount,
  storedHashIndex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type Subtree,
  type SubtreeReader,
} from '#transparency';
import { CONSISTENCY, EMPTY_ROOT, INCLUSION, LEAVES, ROOTS } from './rfc9162-vectors.js';

const hex = (hash: Hash) => hash.toString('hex');
const hashes = (list: string[]) => list.map((h) => Buffer.from(h, 'hex'));

/** RFC 9162's MTH written as the RFC says it, recursively: the oracle for everything stored. */
function mth(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** A tree grown leaf by leaf as a store grows one: every completed subtree at its stored index. */
function grown(leaves: readonly Hash[]): { reader: SubtreeReader; stored: Map<number, Hash>; range: CompactRange } {
  const stored = new Map<number, Hash>();
  const range = CompactRange.empty();
  for (const leaf of leaves) {
    let id = storedHashIndex(0, range.size);
    for (const hash of range.appendHash(leaf)) stored.set(id++, hash);
  }
  const reader = {
    read: (subtrees: readonly Subtree[]) =>
      subtrees.map(({ level, index }) => {
        const hash = stored.get(storedHashIndex(level, index));
        if (hash === undefined) throw new Error(`no subtree ${level}/${index}`);
        return hash;
      }),
  };
  return { reader, stored, range };
}

const vectorLeaves = LEAVES.map((leaf) => leafHash(leaf));

describe('the Merkle tree (RFC 9162 section 2.1)', () => {
  it('hashes the published test vectors: the empty tree and every prefix of the eight leaves', () => {
    expect(hex(EMPTY_TREE_ROOT)).toBe(EMPTY_ROOT);
    const range = CompactRange.empty();
    const roots = vectorLeaves.map((leaf) => {
      range.appendHash(leaf);
      return hex(range.root());
    });
    expect(roots).toEqual(ROOTS);
  });

  it.each(INCLUSION)(
    'answers the published inclusion proof of leaf $leaf in a tree of $size',
    ({ leaf, size, proof }) => {
      const { reader } = grown(vectorLeaves.slice(0, size));
      expect(inclusionProof(reader, leaf - 1, size).map(hex)).toEqual(proof);
      const root = Buffer.from(ROOTS[size - 1], 'hex');
      expect(verifyInclusion(leaf - 1, size, vectorLeaves[leaf - 1], hashes(proof), root)).toBe(true);
    },
  );

  it.each(CONSISTENCY)('answers the published consistency proof from $from to $to', ({ from, to, proof }) => {
    const { reader } = grown(vectorLeaves.slice(0, to));
    expect(consistencyProof(reader, from, to).map(hex)).toEqual(proof);
    const [fromRoot, toRoot] = [ROOTS[from - 1], ROOTS[to - 1]].map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(from, to, hashes(proof), fromRoot, toRoot)).toBe(true);
  });

  it('refuses the published proofs once anything about them is wrong', () => {
    const { leaf, size, proof } = INCLUSION[2];
    const root = Buffer.from(ROOTS[size - 1], 'hex');
    const good = hashes(proof);
    const flipped = good.map((h, i) => (i === 1 ? Buffer.from(h.map((b, j) => (j === 0 ? b ^ 8 : b))) : h));
    expect(verifyInclusion(leaf - 1, size, vectorLeaves[leaf - 1], flipped, root)).toBe(false);
    expect(verifyInclusion(leaf, size, vectorLeaves[leaf - 1], good, root)).toBe(false);
    expect(verifyInclusion(leaf - 1, size * 2, vectorLeaves[leaf - 1], good, root)).toBe(false);
    expect(verifyInclusion(leaf - 1, size, vectorLeaves[leaf - 1], [...good, root], root)).toBe(false);
    expect(verifyInclusion(leaf - 1, size, vectorLeaves[leaf - 1], good.slice(1), root)).toBe(false);
    expect(verifyInclusion(leaf - 1, size, vectorLeaves[leaf - 1], [...good, Buffer.alloc(0)], root)).toBe(false);
    const c = CONSISTENCY[2];
    const [r1, r2] = [ROOTS[c.from - 1], ROOTS[c.to - 1]].map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(c.from, c.to, hashes(c.proof), r2, r1)).toBe(false);
    expect(verifyConsistency(c.from - 1, c.to, hashes(c.proof), r1, r2)).toBe(false);
    expect(verifyConsistency(c.from, c.to, hashes(c.proof).slice(0, -1), r1, r2)).toBe(false);
    expect(verifyConsistency(c.from, c.to, [], r1, r2)).toBe(false);
  });

  it('stores 2n minus popcount(n) subtrees for n leaves, at consecutive indexes in the order they complete', () => {
    for (let n = 0; n <= 200; n++) {
      const { stored } = grown(Array.from({ length: n }, (_, i) => leafHash(String(i))));
      expect(stored.size).toBe(storedHashCount(n));
      expect([...stored.keys()]).toEqual(Array.from({ length: stored.size }, (_, i) => i));
    }
  });

  it('agrees with the RFC recursion on roots and proofs for trees of any size (properties)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.nat(), (size, a, b) => {
        const leaves = Array.from({ length: size }, (_, i) => leafHash(`leaf ${i}`));
        const { reader, range } = grown(leaves);
        const root = mth(leaves);
        expect(range.root().equals(root)).toBe(true);
        const index = a % size;
        expect(verifyInclusion(index, size, leaves[index], inclusionProof(reader, index, size), root)).toBe(true);
        const from = (b % size) + 1;
        const old = mth(leaves.slice(0, from));
        expect(verifyConsistency(from, size, consistencyProof(reader, from, size), old, root)).toBe(true);
        if (from < size) {
          expect(verifyConsistency(from, size, consistencyProof(reader, from, size), leafHash('x'), root)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('the leaf of an event (docs/EVENTS.md)', () => {
  const event = {
    type: 'T',
    eventId: 'e',
    streamId: 's',
    revision: 0,
    data: { b: 1, a: 'é' },
    metadata: { hash: 'h' },
  };
  const expected =
    '{"data":{"a":"é","b":1},"eventId":"e","metadata":{"hash":"h"},"revision":0,"streamId":"s","type":"T"}';

  it('is the canonical JSON of the stored event, without its position', () => {
    expect(leafBytes({ ...event, position: '1' } as typeof event)).toBe(expected);
  });

  it("hashes as SHA-256 of 0x00 and the leaf's UTF-8, whichever form the bytes come in", () => {
    const independent = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), Buffer.from(expected, 'utf8')]))
      .digest();
    expect(eventLeafHash(event).equals(independent)).toBe(true);
    expect(leafHash(expected).equals(independent)).toBe(true);
    expect(leafHash(Buffer.from(expected, 'utf8')).equals(independent)).toBe(true);
  });
});
