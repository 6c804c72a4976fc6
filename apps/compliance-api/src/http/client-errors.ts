import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE } from './problem-details/problem-details.filter.js';
import { ProblemError } from './problem-details/problem.js';
import type { ProblemName } from './problem-details/problem-catalogue.js';

/** What Node's HTTP parser refuses before any route sees the request, by its error code. */
const PARSER_REFUSALS: Readonly<Record<string, { name: ProblemName; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: { name: 'request-timeout', detail: 'The request did not arrive in full in time' },
  HPE_HEADER_OVERFLOW: { name: 'headers-too-large', detail: 'The request headers are over the server limit' },
};
const UNREADABLE = {
  name: 'malformed-request',
  detail: 'The request is not HTTP this server reads (an unknown method, a malformed request line or header)',
} as const;

/**
 * Answers a request the HTTP parser refused (an unknown method, headers too large, a body too
 * slow) with a problem document like every other refusal, then closes the connection: after a
 * parse error nothing more on it can be read.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { name, detail } = PARSER_REFUSALS[error.code ?? ''] ?? UNREADABLE;
  const { problem } = new ProblemError(name, detail);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
