import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { businessInstant, identifierProblem, isBusinessDate } from '#domain';

/** Longest free text a field accepts; names and descriptions fit well inside it. */
export const MAX_TEXT = 2000;
export const MAX_SHORT_TEXT = 300;

const IDENTIFIER_MESSAGES = {
  not_twelve_digits: 'must be 12 digits',
  no_valid_check_digit: 'has no valid check digit: no such number can exist',
  wrong_check_digit: 'has a wrong check digit',
} as const;

function twelveDigitIdentifier(kind: 'BIN' | 'IIN', options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `is${kind}`,
      validator: {
        validate: (value) => typeof value === 'string' && identifierProblem(value) === undefined,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `${args.property} is not a valid ${kind}: it ${IDENTIFIER_MESSAGES[identifierProblem(args.value) ?? 'not_twelve_digits']}`
            : `${args?.property} must be a ${kind}: a string of 12 digits`,
      },
    },
    options,
  );
}

/** A business identification number (entity), check digit verified. */
export const IsBin = (options?: ValidationOptions) => twelveDigitIdentifier('BIN', options);

/** An individual identification number (person), check digit verified. */
export const IsIin = (options?: ValidationOptions) => twelveDigitIdentifier('IIN', options);

/** An ISO 8601 date (`2025-03-01`) or timestamp with a zone, that exists on the calendar. */
export const IsBusinessDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value) => isBusinessDate(value),
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 date (2025-03-01) or timestamp with a zone (2025-03-01T09:30:00Z) that exists`,
      },
    },
    options,
  );

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The business date of a fact that has happened: a valid date (see IsBusinessDate) no later than
 * a day from now (a day's slack for the zones and clocks of those recording it). A fact dated far
 * ahead would make everything after it impossible (nothing may be dated before it).
 */
export const IsHappenedOn = (options?: ValidationOptions) =>
  applyDecorators(
    IsBusinessDate(options),
    ValidateBy(
      {
        name: 'isHappenedOn',
        validator: {
          validate: (value) => !isBusinessDate(value) || (businessInstant(value) as number) <= Date.now() + DAY_MS,
          defaultMessage: (args) => `${args?.property} must not be later than a day from now: the fact has happened`,
        },
      },
      options,
    ),
  );

/** How long a certificate may be issued or renewed for, at most. */
export const MAX_VALIDITY_YEARS = 10;

/** An expiry (IsBusinessDate) at most MAX_VALIDITY_YEARS after the date in `from` (issue or renewal). */
export const IsExpiryAfter = (from: string) =>
  applyDecorators(
    IsBusinessDate(),
    ValidateBy({
      name: 'isExpiryWithinValidity',
      validator: {
        validate: (value, args) => {
          const start = (args?.object as Record<string, unknown>)[from];
          if (!isBusinessDate(value) || !isBusinessDate(start)) return true; // each is checked on its own
          const limit = new Date(businessInstant(start) as number);
          limit.setUTCFullYear(limit.getUTCFullYear() + MAX_VALIDITY_YEARS);
          return (businessInstant(value) as number) <= limit.getTime();
        },
        defaultMessage: (args) =>
          `${args?.property} must be at most ${MAX_VALIDITY_YEARS} years after ${from}: no certificate is valid longer`,
      },
    }),
  );

/** Ids the officer chooses for certificates, declarations, gifts, offences and sanctions. */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const RECORD_ID_RULE = '1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

export const IsRecordId = () =>
  applyDecorators(
    IsString(),
    Matches(RECORD_ID, { message: ({ property }) => `${property} must be ${RECORD_ID_RULE}` }),
  );

/** A letter, digit, punctuation mark or symbol: something a reader sees. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** Control characters (tab and line breaks allowed in long text) and bidirectional embeddings, overrides and isolates. */
const CONTROL_IN_SHORT_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;
const CONTROL_IN_LONG_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Required free text, at most `max` characters, that a person can read as written: at least one
 * visible character, no control characters (line breaks and tabs are allowed in long text), no
 * bidirectional overrides (which make text read otherwise than it is stored).
 */
export const IsText = (max = MAX_SHORT_TEXT) =>
  applyDecorators(
    IsString(),
    Matches(VISIBLE, { message: (args) => `${args?.property} must hold at least one visible character` }),
    ValidateBy({
      name: 'isPlainText',
      validator: {
        validate: (value) =>
          typeof value !== 'string' ||
          !(max > MAX_SHORT_TEXT ? CONTROL_IN_LONG_TEXT : CONTROL_IN_SHORT_TEXT).test(value),
        defaultMessage: (args) => `${args?.property} must not hold control characters or bidirectional overrides`,
      },
    }),
    MaxLength(max),
  );

export const IsOptionalText = (max = MAX_SHORT_TEXT) => applyDecorators(IsOptional(), IsText(max));

/** One of a closed vocabulary, named in the error. */
export const IsOneOf = (values: readonly string[]) =>
  IsIn(values as string[], { message: ({ property }) => `${property} must be one of: ${values.join(', ')}` });

export const IsCount = (min: number, max: number) => applyDecorators(IsInt(), Min(min), Max(max));

export const IsAmount = (min: number, max: number) =>
  applyDecorators(IsNumber({ allowNaN: false, allowInfinity: false }), Min(min), Max(max));

export const IsFlag = () => IsBoolean();

/**
 * The field may be left out; when present it must be valid. Unlike class-validator's own
 * IsOptional, `null` is not "absent": it is refused like any other wrong value.
 */
export const IsOptional = () => ValidateIf((_, value) => value !== undefined);

/**
 * A whole number in a query string, written as plain decimal digits: `0x10`, ` 5` or `1e3` are
 * refused rather than read as something the client may not have meant.
 */
export const IsQueryInteger = (min: number, max: number) =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,16}$/.test(value) ? Number(value) : value)),
    IsInt({ message: ({ property }) => `${property} must be a whole number written in decimal digits` }),
    Min(min),
    Max(max),
  );
