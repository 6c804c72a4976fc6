import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ProblemError, problemType, type ProblemDocument } from './problem.js';

const KNOWN_STATUS: Readonly<Record<number, [name: string, title: string]>> = {
  400: ['malformed-request', 'The request could not be read'],
  404: ['not-found', 'Not Found'],
  413: ['body-too-large', 'The request body is larger than 1 MiB'],
  415: ['unsupported-media-type', 'Send the body as application/json'],
};

export interface Answer {
  readonly problem: ProblemDocument;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Whatever was thrown while answering a request, as the problem the client receives.
 * Anything unexpected is a 500 that says nothing about internals.
 */
export function toProblem(error: unknown): Answer {
  if (error instanceof ProblemError) return { problem: error.problem, headers: error.headers };

  if (error instanceof HttpException) {
    // our own errors are ProblemErrors: these come from NestJS and Fastify themselves (an
    // unknown route, a body that is not JSON, too large, or carries __proto__ keys)
    const status = error.getStatus();
    const [name, title] = KNOWN_STATUS[status] ?? [
      slug(STATUS_CODES[status] ?? 'error'),
      STATUS_CODES[status] ?? 'Error',
    ];
    return answer(status, name, title, error.message);
  }

  const { statusCode, message } = (error ?? {}) as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    const [name, title] = KNOWN_STATUS[statusCode] ?? [
      slug(STATUS_CODES[statusCode] ?? 'error'),
      STATUS_CODES[statusCode] ?? 'Error',
    ];
    return answer(statusCode, name, title, typeof message === 'string' ? message : undefined);
  }

  return answer(500, 'internal-error', 'Internal Server Error', 'The server failed to answer; the failure is logged');
}

function answer(status: number, name: string, title: string, detail?: string): Answer {
  return {
    problem: { type: problemType(name), title, status, ...(detail === undefined ? {} : { detail }) },
    headers: {},
  };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
