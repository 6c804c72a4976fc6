import type { Logger } from '#projections';

/**
 * The command line's logger for the libraries: problems on stderr (`errors`), or nothing but
 * problems while a progress bar owns the terminal (`quiet` prints them after a line break).
 */
export function consoleLogger(mode: 'errors' | 'quiet' | 'all' = 'errors'): Logger {
  return {
    log: (message) => {
      if (mode === 'all') console.error(message);
    },
    error: (message) => console.error(mode === 'quiet' ? `\n${message}` : message),
  };
}
