/**
 * Business dates ("when it happened", as opposed to when it was recorded) arrive as ISO 8601
 * calendar dates (`2025-03-01`) or timestamps (`2025-03-01T09:30:00Z`, with an offset). A
 * calendar date means the start of that day in Kazakhstan (UTC+05:00, the single national
 * time zone since 1 March 2024), so a date and a timestamp compare as instants.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
export const KAZAKHSTAN_OFFSET = '+05:00';

export type IsoBusinessDate = string & { readonly __brand: 'IsoBusinessDate' };

/**
 * Instants of texts already parsed. Scoring reads the same few thousand dates over and over
 * (every view of an entity re-reads its history), and parsing them was its largest cost.
 * Bounded: emptied whenever it holds MAX_REMEMBERED texts.
 */
const remembered = new Map<string, number | undefined>();
const MAX_REMEMBERED = 100_000;
/** `2025-03-01T09:30:00.123456789+05:00` */
const LONGEST_TIMESTAMP = 35;
const HYPHEN = '-'.charCodeAt(0);

/** The instant (epoch ms) a valid ISO date or timestamp denotes, or `undefined` if it is not one. */
export function businessInstant(text: string): number | undefined {
  if (text.length > LONGEST_TIMESTAMP) return undefined; // free text is never remembered
  // every date and timestamp has its first hyphen there: names, numbers and ids need no lookup
  if (text.charCodeAt(4) !== HYPHEN) return undefined;
  if (remembered.has(text)) return remembered.get(text);
  const instant = parseBusinessInstant(text);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(text, instant);
  return instant;
}

function parseBusinessInstant(text: string): number | undefined {
  const date = DATE.exec(text);
  if (date) {
    return isRealDate(+date[1], +date[2], +date[3]) ? Date.parse(`${text}T00:00:00${KAZAKHSTAN_OFFSET}`) : undefined;
  }
  const stamp = TIMESTAMP.exec(text);
  if (!stamp) return undefined;
  const [, year, month, day, hour, minute, second = '0', , offset] = stamp;
  if (!isRealDate(+year, +month, +day) || +hour > 23 || +minute > 59 || +second > 59) return undefined;
  if (offset !== 'Z' && (+offset.slice(1, 3) > 14 || +offset.slice(4, 6) > 59)) return undefined;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? undefined : instant;
}

export function isBusinessDate(text: unknown): text is IsoBusinessDate {
  return typeof text === 'string' && businessInstant(text) !== undefined;
}

/** Compares two valid business dates as instants: negative if `a` is earlier. */
export function compareBusinessDates(a: string, b: string): number {
  return instantOf(a) - instantOf(b);
}

export function instantOf(text: string): number {
  const instant = businessInstant(text);
  if (instant === undefined) throw new RangeError(`"${text}" is not an ISO 8601 date or timestamp`);
  return instant;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Whether the text is a calendar date (a whole day), not a timestamp. */
export function isCalendarDate(text: string): boolean {
  return DATE.test(text);
}

/** The start of the next calendar day in Kazakhstan, from the start of a day. */
export function dayAfter(startOfDay: number): number {
  // Kazakhstan keeps one offset all year: a day is always 24 hours long
  return startOfDay + 24 * 60 * 60 * 1000;
}
