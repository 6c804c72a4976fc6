import { describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { leafBytes } from '#transparency';
import { canonicalJson } from '../src/canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('writes exactly what the canonicalize package writes, for any JSON value (properties)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
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
  });

  it('refuses what has no JSON form, and leaves bytes are canonical JSON of the stored event', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
    const event = {
      type: 'T',
      eventId: 'e',
      streamId: 's',
      revision: 0,
      data: { b: 1, a: 2 },
      metadata: { hash: 'h' },
    };
    expect(leafBytes({ ...event, position: '1' } as typeof event)).toBe(
      '{"data":{"a":2,"b":1},"eventId":"e","metadata":{"hash":"h"},"revision":0,"streamId":"s","type":"T"}',
    );
  });
});
