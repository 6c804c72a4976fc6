/** Where the console is served: its pages, files and settings, none of them part of the API. */
export const CONSOLE_PATH = '/console';

/** `/console` and everything under `/console/`, whatever the query string (asked of every request: no allocation). */
export function isConsolePath(url: string): boolean {
  if (!url.startsWith(CONSOLE_PATH)) return false;
  const next = url.charAt(CONSOLE_PATH.length);
  return next === '' || next === '/' || next === '?';
}
