import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ProblemError, problemType, type ProblemDocument } from './problem.js';

const KNOWN_STATUS: Readonly<Record<number, [name: string, title: string]>> = {
  400: ['malformed-request', 'The request could not be read'],
  404: ['not-found', 'Not Found'],
  413: ['body-too-large', 'The request body is larger than 1 MiB'],
  415: ['unsupported-media-type', 'Send the body as application/json'],
  429: ['too-many-requests', 'Too many requests for this key'],
  500: ['internal-error', 'Internal Server Error'],
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
    return answer(error.getStatus(), error.message);
  }

  const { statusCode, message } = (error ?? {}) as { statusCode?: unknown; message?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return answer(statusCode, typeof message === 'string' ? message : undefined);
  }

  return answer(500, 'The server failed to answer; the failure is logged');
}

function answer(status: number, detail?: string): Answer {
  const text = STATUS_CODES[status] ?? 'Error';
  const [name, title] = KNOWN_STATUS[status] ?? [slug(text), text];
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
