import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { identifierProblem, parseBin, parseIin, withCheckDigit } from '#domain';

describe('twelve-digit identifiers (BIN, IIN)', () => {
  it('accepts a number whose check digit comes from the first weights', () => {
    expect(identifierProblem('081140000436')).toBeUndefined();
    expect(parseBin('081140000436')).toEqual({ bin: '081140000436' });
  });

  it('falls back to the second weights when the first sum is 10', () => {
    // first weighted sum of 10000000020 is 10 mod 11; the second gives 5
    expect(identifierProblem('100000000205')).toBeUndefined();
    expect(identifierProblem('100000000200')).toBe('wrong_check_digit');
  });

  it('rejects a prefix for which both sums are 10: no check digit can make it valid', () => {
    for (let digit = 0; digit <= 9; digit++) {
      expect(identifierProblem(`10000000028${digit}`)).toBe('no_valid_check_digit');
    }
    expect(withCheckDigit('10000000028')).toBeUndefined();
  });

  it.each(['', '08114000043', '0811400004366', '08114000043a', ' 081140000436', '０８１１４００００４３６'])(
    'rejects %p as not twelve digits',
    (value) => {
      expect(identifierProblem(value)).toBe('not_twelve_digits');
    },
  );

  it('names the problem when parsing an IIN', () => {
    expect(parseIin('081140000437')).toEqual({ problem: 'wrong_check_digit' });
  });

  it('property: a completed number is valid, and changing its check digit makes it invalid', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{11}$/), fc.integer({ min: 1, max: 9 }), (prefix, shift) => {
        const complete = withCheckDigit(prefix);
        if (complete === undefined) {
          expect(identifierProblem(`${prefix}0`)).toBe('no_valid_check_digit');
          return;
        }
        expect(identifierProblem(complete)).toBeUndefined();
        const altered = prefix + ((Number(complete[11]) + shift) % 10);
        expect(identifierProblem(altered)).toBe('wrong_check_digit');
      }),
    );
  });
});
