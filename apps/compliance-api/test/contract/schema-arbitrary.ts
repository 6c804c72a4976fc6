import fc, { type Arbitrary } from 'fast-check';
import { withCheckDigit } from '#domain';

/** A JSON Schema of the OpenAPI document, as far as request bodies and parameters use it. */
export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: Schema;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly 'x-rule'?: string;
}

const DAY = 24 * 60 * 60 * 1000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');

/** A 12-digit identifier with a valid check digit (a BIN or an IIN), or now and then one without. */
const twelveDigits: Arbitrary<string> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .integer({ min: 10_000_000_000, max: 99_999_999_999 })
      .map((n) => withCheckDigit(String(n)))
      .filter((id): id is string => id !== undefined),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{12}$/) },
);

/** A business date of the last quarter century, as a calendar date or a timestamp with a zone. */
const businessDate: Arbitrary<string> = fc
  .tuple(fc.integer({ min: EARLIEST, max: Date.now() - DAY }), fc.boolean(), fc.integer({ min: -12, max: 14 }))
  .map(([instant, calendar, offsetHours]) => {
    if (calendar) return new Date(instant + 5 * 3600_000).toISOString().slice(0, 10);
    const local = new Date(instant + offsetHours * 3600_000).toISOString().slice(0, 19);
    const sign = offsetHours < 0 ? '-' : '+';
    return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
  });

/**
 * Values valid by a schema, for fast-check: what a client reading the document may send. Where
 * a schema names a rule beyond JSON Schema (`x-rule`: a check digit, a date no later than
 * tomorrow), the values mostly keep it too, so that requests reach the rules of the record.
 */
export function arbitraryOf(schema: Schema, resolve: (ref: string) => Schema): Arbitrary<unknown> {
  if (schema.$ref !== undefined) return arbitraryOf(resolve(schema.$ref), resolve);
  if (schema.oneOf !== undefined) return fc.oneof(...schema.oneOf.map((s) => arbitraryOf(s, resolve)));
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  if (schema.anyOf !== undefined) {
    const formats = schema.anyOf.map((s) => s.format);
    if (formats.includes('date') && formats.includes('date-time')) return businessDate;
    if (schema.anyOf.every((s) => s.$ref !== undefined))
      return fc.oneof(...schema.anyOf.map((s) => arbitraryOf(s, resolve)));
    return fc.oneof(...schema.anyOf.map((s) => arbitraryOf(s, resolve)));
  }
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1e6, max: Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'array':
      return fc.array(arbitraryOf(schema.items ?? {}, resolve), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object':
      return objectOf(schema, resolve);
    default:
      return stringOf(schema);
  }
}

function objectOf(schema: Schema, resolve: (ref: string) => Schema): Arbitrary<Record<string, unknown>> {
  const properties = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, property]) => [name, arbitraryOf(property, resolve)]),
  );
  return fc.record(properties, { requiredKeys: [...(schema.required ?? [])] }) as Arbitrary<Record<string, unknown>>;
}

function stringOf(schema: Schema): Arbitrary<string> {
  if (schema.pattern === '^[0-9]{12}$' && schema['x-rule'] === 'check-digit') return twelveDigits;
  if (schema.format === 'uuid') return fc.uuid({ version: 7 });
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  if (schema.pattern === undefined) return fc.string({ minLength, maxLength });
  const pattern = new RegExp(schema.pattern, 'u');
  const long = (text: string) => [...text].length >= minLength && [...text].length <= (schema.maxLength ?? Infinity);
  try {
    return fc.stringMatching(pattern, { size: 'small' }).filter(long);
  } catch {
    // a pattern fast-check cannot generate from (free text: a look-ahead): text of every kind, kept when it matches
    return fc.string({ unit: 'grapheme', minLength: Math.max(minLength, 1), maxLength }).filter((t) => pattern.test(t));
  }
}
