/**
 * Kazakhstan's twelve-digit identifiers, the BIN of a legal entity and the IIN of a person,
 * end in a check digit: the first eleven digits weighted 1..11, summed, mod 11; if that is
 * 10, weighted 3..11,1,2 instead; a second 10 means the number can never be valid.
 */
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
const TWELVE_DIGITS = /^\d{12}$/;

export type IdentifierProblem = 'not_twelve_digits' | 'no_valid_check_digit' | 'wrong_check_digit';

/** The check digit for the first eleven digits, or `undefined` if none can exist. */
export function checkDigitOf(elevenDigits: string): number | undefined {
  const digits = [...elevenDigits].map(Number);
  const weighted = (weights: readonly number[]): number =>
    digits.reduce((sum, digit, i) => sum + digit * weights[i], 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? undefined : second;
}

/** Why a value is not a well-formed twelve-digit identifier, or `undefined` if it is. */
export function identifierProblem(value: string): IdentifierProblem | undefined {
  if (!TWELVE_DIGITS.test(value)) return 'not_twelve_digits';
  const expected = checkDigitOf(value.slice(0, 11));
  if (expected === undefined) return 'no_valid_check_digit';
  return expected === Number(value[11]) ? undefined : 'wrong_check_digit';
}

export function isValidTwelveDigitIdentifier(value: string): boolean {
  return identifierProblem(value) === undefined;
}

/** Completes eleven digits with their check digit; for synthetic seed data and tests. */
export function withCheckDigit(elevenDigits: string): string | undefined {
  if (!/^\d{11}$/.test(elevenDigits)) return undefined;
  const digit = checkDigitOf(elevenDigits);
  return digit === undefined ? undefined : elevenDigits + digit;
}
