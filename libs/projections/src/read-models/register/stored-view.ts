import type { RegisterView } from '#domain';

/**
 * A current register view is stored once and served many times, each time "as of" the moment
 * it is served: it is exactly the view computed then (registerViewStableUntil says how long
 * that holds), so only its two stamps change. They are stored as a placeholder that no
 * request text can produce: the placeholder is looked for with its key and quotes, and a quote
 * inside a JSON string is always escaped.
 */
const PLACEHOLDER = JSON.stringify('\u0000');
const STAMPS = ['asOf', 'knownAt'].map((key) => `"${key}":${PLACEHOLDER}`);

/** A stored view and the instants it is exact for: from its computation until `validUntil`. */
export interface StoredView {
  readonly view: string;
  readonly validFrom: number;
  readonly validUntil: number;
}

/** The view as stored: JSON with `rating.asOf` and `knownAt` left open. */
export function storedView(view: RegisterView): string {
  return JSON.stringify({ ...view, rating: { ...view.rating, asOf: '\u0000' }, knownAt: '\u0000' });
}

/** The stored view as served at `now`. */
export function servedView(stored: string, now: number): string {
  const instant = instantText(now);
  const asOf = stored.indexOf(STAMPS[0]);
  const knownAt = stored.indexOf(STAMPS[1]);
  if (asOf < 0 || knownAt < asOf) {
    return stored.replace(STAMPS[0], `"asOf":${instant}`).replace(STAMPS[1], `"knownAt":${instant}`);
  }
  // the common layout (the rating before knownAt) in one pass: slices, not two copies
  return (
    `${stored.slice(0, asOf)}"asOf":${instant}${stored.slice(asOf + STAMPS[0].length, knownAt)}` +
    `"knownAt":${instant}${stored.slice(knownAt + STAMPS[1].length)}`
  );
}

/** The JSON of an instant, kept for the millisecond: the register serves many views in each. */
let lastInstant = { at: Number.NaN, text: '' };
function instantText(now: number): string {
  if (now !== lastInstant.at) lastInstant = { at: now, text: JSON.stringify(new Date(now).toISOString()) };
  return lastInstant.text;
}
