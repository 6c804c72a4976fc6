import { describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson, inCanonicalOrder } from '#event-log';

describe('canonical JSON (RFC 8785)', () => {
  it('writes exactly what the canonicalize package writes, for any JSON value (properties)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the same for a value stored in canonical order, which JSON.stringify then writes (properties)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const stored = inCanonicalOrder(value);
        expect(stored).toEqual(value);
        expect(canonicalJson(stored)).toBe(canonicalize(value));
        // what a store gives back after JSON.parse: the same order, so the same text
        expect(canonicalJson(JSON.parse(JSON.stringify(stored)))).toBe(canonicalize(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes an object's keys in UTF-16 code unit order whatever order they came in, each time", () => {
    const a = { b: 1, a: [true, null, 'é'], '\u20ac': 2, '\ud83d\ude00': 3, A: { z: 1.5e-7, y: -0 } };
    const b = { A: { y: -0, z: 1.5e-7 }, '\ud83d\ude00': 3, '\u20ac': 2, a: [true, null, 'é'], b: 1 };
    expect(canonicalJson(a)).toBe(canonicalize(a));
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(canonicalJson(a)).toBe('{"A":{"y":0,"z":1.5e-7},"a":[true,null,"é"],"b":1,"€":2,"😀":3}');
    expect(Object.keys(inCanonicalOrder(a))).toEqual(['A', 'a', 'b', '\u20ac', '\ud83d\ude00']);
  });

  it('takes the general path where JSON.stringify would differ: index-like keys, toJSON, no JSON form', () => {
    // JavaScript enumerates index-like keys first, in numeric order: "10" before "9" is not JCS
    expect(canonicalJson({ 9: 'a', 10: 'b', x: 1 })).toBe('{"10":"b","9":"a","x":1}');
    expect(canonicalJson({ a: new Date(0) })).toBe('{"a":"1970-01-01T00:00:00.000Z"}');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1, b: () => 1 })).toThrow(TypeError);
  });
});
