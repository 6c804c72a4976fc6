import type { TransportSingleOptions } from 'pino';

/**
 * Where the logs go: on a terminal, through pino-pretty (one coloured, readable line per entry,
 * for a developer watching `npm start`); anywhere else (a file, a pipe, a container's log
 * collector), as JSON lines, one object per entry, which is what log tooling parses.
 */
export function logTransport(stdoutIsTerminal: boolean): TransportSingleOptions | undefined {
  if (!stdoutIsTerminal) return undefined;
  return {
    target: 'pino-pretty',
    options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true },
  };
}
