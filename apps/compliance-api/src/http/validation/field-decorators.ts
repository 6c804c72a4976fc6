import { applyDecorators } from '@nestjs/common';
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
import { identifierProblem, isBusinessDate } from '#domain';

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

/** Ids the officer chooses for certificates, declarations, gifts, offences and sanctions. */
export const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
export const RECORD_ID_RULE = '1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

export const IsRecordId = () =>
  applyDecorators(
    IsString(),
    Matches(RECORD_ID, { message: ({ property }) => `${property} must be ${RECORD_ID_RULE}` }),
  );

const NOT_BLANK = /\S/;

/** Required free text, not blank, at most `max` characters. */
export const IsText = (max = MAX_SHORT_TEXT) =>
  applyDecorators(
    IsString(),
    Matches(NOT_BLANK, { message: (args) => `${args?.property} must not be blank` }),
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
