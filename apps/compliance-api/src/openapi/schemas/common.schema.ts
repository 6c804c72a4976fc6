import Type, { type TEnum, type TNull, type TSchema, type TUnion } from 'typebox';

/**
 * The building blocks of the response schemas: identifiers, instants and closed vocabularies,
 * each with the description an integrator reads in the API documentation.
 */

/** Every response object lists all its fields: a field the document does not describe is a bug. */
export const CLOSED = { additionalProperties: false } as const;

const TWELVE_DIGITS = '^[0-9]{12}$';

export function bin(description = "The entity's BIN (business identification number): 12 digits.") {
  return Type.String({ pattern: TWELVE_DIGITS, description });
}

/** A person's IIN: personal data, never in the register (only in the profile and the history). */
export function iin(description: string) {
  return Type.String({ pattern: TWELVE_DIGITS, description });
}

export function eventId(
  description = 'Id of an event in the log (a UUID), as writes answer it and the history lists it.',
) {
  return Type.String({ format: 'uuid', description });
}

/** Positions are opaque: each event store encodes them its own way, as fixed-width strings that sort as the log. */
export function position(description: string) {
  return Type.String({
    description: `${description} Opaque: compare positions of one service as strings, never parse them.`,
  });
}

/** An instant the service stamped itself (`Date.prototype.toISOString`), so always a full RFC 3339 timestamp. */
export function timestamp(description: string) {
  return Type.String({ format: 'date-time', description });
}

/**
 * An instant the service computed from one a client asked for (`asOf`, `knownAt`), or now: UTC, as
 * `toISOString` writes it. No `date-time` format, because an instant asked near the ends of the
 * years 0000-9999 with a zone offset lands outside them, and is written with a six-digit year.
 */
export function instant(description: string) {
  return Type.String({ description: `${description} An ISO 8601 timestamp in UTC, e.g. 2025-05-31T19:00:00.000Z.` });
}

/** A business date as recorded: what the officer sent, so a calendar date or a timestamp. */
export function businessDate(description: string) {
  return Type.String({
    description: `${description} As recorded: an ISO 8601 calendar date (the start of that day in Kazakhstan, UTC+05:00) or a timestamp with its zone.`,
  });
}

export function text(description: string) {
  return Type.String({ description });
}

export function count(description: string) {
  return Type.Integer({ minimum: 0, description });
}

export function revision(description: string) {
  return Type.Integer({ minimum: 0, description });
}

export function score(description = 'Integrity score, 0-100 (two decimals at most).') {
  return Type.Number({ minimum: 0, maximum: 100, description });
}

/** JSON Schema 2020-12 has no `nullable`: a value that may be null is a union with null. */
export function nullable<T extends TSchema>(schema: T, description?: string): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()], description === undefined ? {} : { description });
}

/** One of a closed list of strings, such as the domain's GRADES or FLAG_CODES. */
export function vocabulary<const Values extends string[]>(
  values: readonly [...Values],
  description: string,
): TEnum<Values> {
  return Type.Enum(values, { type: 'string', description });
}

/**
 * One of a closed set of strings, each explained in the documentation. Typing the meanings as a
 * `Record` over the union keeps the set complete where the domain exports only a type.
 */
export function explained<Value extends string>(
  meanings: Readonly<Record<Value, string>>,
  description: string,
): TEnum<Value[]> {
  const values = Object.keys(meanings) as Value[];
  return Type.Enum(values, { type: 'string', description: `${description}\n\n${listOf(meanings)}` });
}

/** A Markdown list of values and what each means, for descriptions. */
export function listOf(meanings: Readonly<Record<string, string>>): string {
  return Object.entries(meanings)
    .map(([value, meaning]) => `- \`${value}\`: ${meaning}`)
    .join('\n');
}

/** How much of the log an answer rests on, to tie it to a checkpoint of the transparency log. */
export function logSize(description: string) {
  return Type.Integer({
    minimum: 0,
    description: `${description} A checkpoint of at least this tree size (GET /v1/transparency/checkpoint) covers every event the answer rests on; prove each with GET /v1/transparency/inclusion.`,
  });
}
