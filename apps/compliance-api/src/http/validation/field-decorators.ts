import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { businessInstant, identifierProblem, isBusinessDate } from '#domain';

/**
 * Every field of a request is declared with one of these: each checks the field as the server
 * does and describes it in the OpenAPI document with the same constraints, so the document and
 * the validation cannot drift apart. Where a rule cannot be written as a JSON Schema (a check
 * digit, a date no later than tomorrow), the schema says it in its description and `x-rule`.
 */

/** Longest free text a field accepts; names and descriptions fit well inside it. */
export const MAX_TEXT = 2000;
export const MAX_SHORT_TEXT = 300;

/** Adds a description to the field's schema (the rest comes from its validating decorator). */
export const Describe = (description: string) => ApiProperty({ description });

/** A field's schema, with the rule it follows beyond JSON Schema (`x-rule`) where there is one. */
type FieldSchema = ApiPropertyOptions & { 'x-rule'?: string };
const schema = (options: FieldSchema) => ApiProperty(options as ApiPropertyOptions);

const IDENTIFIER_MESSAGES = {
  not_twelve_digits: 'must be 12 digits',
  no_valid_check_digit: 'has no valid check digit: no such number can exist',
  wrong_check_digit: 'has a wrong check digit',
} as const;
export const TWELVE_DIGITS = '^[0-9]{12}$';

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

const identifierSchema = (kind: 'BIN' | 'IIN'): FieldSchema => ({
  type: 'string',
  pattern: TWELVE_DIGITS,
  description:
    kind === 'BIN'
      ? 'Business identification number: 12 digits whose last is the check digit of the first 11'
      : 'Individual identification number (personal data): 12 digits whose last is the check digit of the first 11',
  example: kind === 'BIN' ? '081140000436' : '860311300524',
  'x-rule': 'check-digit',
});

/** A business identification number (entity), check digit verified. */
export const IsBin = () => applyDecorators(twelveDigitIdentifier('BIN'), schema(identifierSchema('BIN')));

/** An individual identification number (person), check digit verified. */
export const IsIin = () => applyDecorators(twelveDigitIdentifier('IIN'), schema(identifierSchema('IIN')));

/** Up to 1000 BINs, each check digit verified. */
export const IsBinList = (max: number) =>
  applyDecorators(
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(max),
    twelveDigitIdentifier('BIN', { each: true }),
    schema({
      type: 'array',
      minItems: 1,
      maxItems: max,
      items: { type: 'string', pattern: TWELVE_DIGITS },
      description: `1 to ${max} BINs (each 12 digits, the last a check digit)`,
      'x-rule': 'check-digit',
    }),
  );

/**
 * What the API takes as a business date: a calendar date, or an RFC 3339 timestamp with its
 * zone (seconds included). Stored events may hold shorter timestamps from before; new ones
 * are written in full.
 */
const CALENDAR_DATE = '^(19|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
const TIMESTAMP =
  '^(19|[2-9][0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$';
const CALENDAR_DATE_PATTERN = new RegExp(CALENDAR_DATE);
const TIMESTAMP_PATTERN = new RegExp(TIMESTAMP);
const BUSINESS_DATE_RULE =
  'an ISO 8601 date (2025-03-01, the start of that day in Kazakhstan) or an RFC 3339 timestamp with a zone (2025-03-01T09:30:00Z) that exists on the calendar';

const businessDateSchema = (description: string, rule?: string): FieldSchema => ({
  type: 'string',
  anyOf: [
    { type: 'string', format: 'date', pattern: CALENDAR_DATE },
    { type: 'string', format: 'date-time', pattern: TIMESTAMP },
  ],
  description,
  example: '2025-03-01',
  ...(rule === undefined ? {} : { 'x-rule': rule }),
});

const businessDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value) =>
          isBusinessDate(value) && (CALENDAR_DATE_PATTERN.test(value) || TIMESTAMP_PATTERN.test(value)),
        defaultMessage: (args) => `${args?.property} must be ${BUSINESS_DATE_RULE}`,
      },
    },
    options,
  );

/** A business date (see above): an instant of business time, such as `asOf`. */
export const IsBusinessDate = (description = BUSINESS_DATE_RULE) =>
  applyDecorators(businessDate(), schema(businessDateSchema(description)));

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The business date of a fact that has happened: a valid date (see IsBusinessDate) no later than
 * a day from now (a day's slack for the zones and clocks of those recording it). A fact dated far
 * ahead would make everything after it impossible (nothing may be dated before it).
 */
export const IsHappenedOn = () =>
  applyDecorators(
    businessDate(),
    ValidateBy({
      name: 'isHappenedOn',
      validator: {
        validate: (value) => !isBusinessDate(value) || (businessInstant(value) as number) <= Date.now() + DAY_MS,
        defaultMessage: (args) => `${args?.property} must not be later than a day from now: the fact has happened`,
      },
    }),
    schema(
      businessDateSchema(`When it happened: ${BUSINESS_DATE_RULE}, no later than a day from now`, 'not-after-tomorrow'),
    ),
  );

/** How long a certificate may be issued or renewed for, at most. */
export const MAX_VALIDITY_YEARS = 10;

/** An expiry (IsBusinessDate) at most MAX_VALIDITY_YEARS after the date in `from` (issue or renewal). */
export const IsExpiryAfter = (from: string) =>
  applyDecorators(
    businessDate(),
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
    schema(
      businessDateSchema(
        `The last day of validity (valid through it, Kazakhstan time; expired from the next): ${BUSINESS_DATE_RULE}, after ${from} and at most ${MAX_VALIDITY_YEARS} years after it`,
        `within-${MAX_VALIDITY_YEARS}-years-of-${from}`,
      ),
    ),
  );

/** Ids the officer chooses for certificates, declarations, gifts, offences and sanctions. */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const RECORD_ID_RULE = '1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

export const IsRecordId = (description = `An id the officer chooses: ${RECORD_ID_RULE}`) =>
  applyDecorators(
    IsString(),
    Matches(RECORD_ID, { message: ({ property }) => `${property} must be ${RECORD_ID_RULE}` }),
    schema({ type: 'string', pattern: RECORD_ID.source, description, example: 'CERT-2025-001' }),
  );

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An event's id, as the write that recorded it answered (lower-case UUID). */
export const IsEventId = () =>
  applyDecorators(
    Matches(EVENT_ID, { message: ({ property }) => `${property} must be an event id (a lower-case UUID)` }),
    schema({
      type: 'string',
      format: 'uuid',
      pattern: EVENT_ID.source,
      description: "An event's id, as its write answered or the history lists it",
    }),
  );

/** A letter, digit, punctuation mark or symbol: something a reader sees. */
const VISIBLE = '[\\p{L}\\p{N}\\p{P}\\p{S}]';
/**
 * Control characters (tab and line breaks allowed in long text), bidirectional embeddings,
 * overrides and isolates, and unpaired surrogates (text that is not Unicode at all).
 */
const FORBIDDEN_IN_SHORT_TEXT = '\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF';
const FORBIDDEN_IN_LONG_TEXT =
  '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF';
const textPattern = (long: boolean) =>
  `^(?=[\\s\\S]*${VISIBLE})[^${long ? FORBIDDEN_IN_LONG_TEXT : FORBIDDEN_IN_SHORT_TEXT}]*$`;
const SHORT_TEXT_PATTERN = new RegExp(textPattern(false), 'u');
const LONG_TEXT_PATTERN = new RegExp(textPattern(true), 'u');

/**
 * Required free text, at most `max` characters (Unicode code points, as JSON Schema counts
 * them), that a person can read as written: at least one visible character, no control
 * characters (line breaks and tabs are allowed in long text), no bidirectional overrides (which
 * make text read otherwise than it is stored).
 */
export const IsText = (max = MAX_SHORT_TEXT, description?: string) => {
  const long = max > MAX_SHORT_TEXT;
  return applyDecorators(
    IsString(),
    Matches(long ? LONG_TEXT_PATTERN : SHORT_TEXT_PATTERN, {
      message: ({ property }) =>
        `${property} must hold at least one visible character, and no control characters or bidirectional overrides`,
    }),
    ValidateBy({
      name: 'hasAtMostCharacters',
      validator: {
        validate: (value) => typeof value !== 'string' || codePoints(value) <= max,
        defaultMessage: (args) => `${args?.property} must be at most ${max} characters long`,
      },
    }),
    schema({
      type: 'string',
      minLength: 1,
      maxLength: max,
      pattern: textPattern(long),
      ...(description === undefined ? {} : { description }),
    }),
  );
};

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export const IsOptionalText = (max = MAX_SHORT_TEXT, description?: string) =>
  applyDecorators(IsOptional(), IsText(max, description));

/** One of a closed vocabulary, named in the error. */
export const IsOneOf = (values: readonly string[]) =>
  applyDecorators(
    IsIn(values as string[], { message: ({ property }) => `${property} must be one of: ${values.join(', ')}` }),
    schema({ type: 'string', enum: [...values] }),
  );

export const IsCount = (min: number, max: number) =>
  applyDecorators(IsInt(), Min(min), Max(max), schema({ type: 'integer', minimum: min, maximum: max }));

export const IsAmount = (min: number, max: number) =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(min),
    Max(max),
    schema({ type: 'number', minimum: min, maximum: max }),
  );

export const IsFlag = () => applyDecorators(IsBoolean(), schema({ type: 'boolean' }));

/** The complete body of a recorded fact, as the endpoint that recorded it takes it (checked against it). */
export const IsFactBody = (bodies: readonly (new () => object)[], description: string) =>
  applyDecorators(
    IsObject(),
    schema({
      anyOf: bodies.map((body) => ({ $ref: `#/components/schemas/${body.name}` })),
      description,
      'x-rule': 'the-body-of-the-corrected-fact',
    }),
  );

/**
 * The field may be left out; when present it must be valid. Unlike class-validator's own
 * IsOptional, `null` is not "absent": it is refused like any other wrong value.
 */
export const IsOptional = () =>
  applyDecorators(
    ValidateIf((_, value) => value !== undefined),
    schema({ required: false }),
  );

/**
 * A whole number in a query string, written as plain decimal digits: `0x10`, ` 5` or `1e3` are
 * refused rather than read as something the client may not have meant.
 */
export const IsQueryInteger = (min: number, max: number, description?: string) =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^[0-9]{1,16}$/.test(value) ? Number(value) : value)),
    IsInt({ message: ({ property }) => `${property} must be a whole number written in decimal digits` }),
    Min(min),
    Max(max),
    schema({ type: 'integer', minimum: min, maximum: max, ...(description === undefined ? {} : { description }) }),
  );

/** `true` or `false` in a query string, as a boolean; anything else is refused. */
export const IsQueryFlag = (description: string) =>
  applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: ({ property }) => `${property} must be true or false` }),
    schema({ type: 'boolean', description }),
  );

/** A text matching `pattern` (a query's position or cursor), described for the document. */
export const IsToken = (pattern: RegExp, rule: string, description: string) =>
  applyDecorators(
    IsString(),
    Matches(pattern, { message: ({ property }) => `${property} must be ${rule}` }),
    schema({ type: 'string', pattern: pattern.source, description }),
  );
