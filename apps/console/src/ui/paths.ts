/** The console's base path, as built (`/console/`). */
const BASE = import.meta.env.BASE_URL;

/** A page of the console: `consolePath('entities', bin, 'history')` is `/console/entities/<bin>/history`. */
export function consolePath(...segments: string[]): string {
  return `${BASE}${segments.map(encodeURIComponent).join('/')}`;
}
