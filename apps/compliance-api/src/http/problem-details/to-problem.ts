import { HttpException } from '@nestjs/common';
import { HTTP_PROBLEMS, type HttpProblemName } from './problem-catalogue.js';
import { ProblemError, problemType, type ProblemDocument } from './problem.js';

/** The problem type of each status NestJS and Fastify refuse requests with on their own. */
const FRAMEWORK_STATUS: Readonly<Record<number, HttpProblemName>> = {
  400: 'malformed-request',
  404: 'not-found',
  408: 'request-timeout',
  413: 'body-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  431: 'headers-too-large',
  500: 'internal-error',
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
  const name = FRAMEWORK_STATUS[status] ?? 'http-error';
  return {
    problem: {
      type: problemType(name),
      title: HTTP_PROBLEMS[name].title,
      status, // the status the framework chose, whatever the catalogue's default
      ...(detail === undefined ? {} : { detail }),
    },
    headers: {},
  };
}
