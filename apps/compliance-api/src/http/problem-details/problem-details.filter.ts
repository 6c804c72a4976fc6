import { Catch, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { AllowedMethods } from '../allowed-methods.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { maskIins, maskPersonalData } from '../request-for-logs.js';
import { ProblemError, type ProblemDocument } from './problem.js';
import { toProblem } from './to-problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Answers every error with an RFC 9457 problem document. Only failures of the service are logged
 * as errors, with their stack; a 5xx the service chose to answer (a read ahead of the read models,
 * contention, an entity withheld) is a warning, and a client's mistake is not logged here at all.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly allowedMethods: AllowedMethods) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(
      this.methodNotAllowed(exception, request) ?? exception,
      request,
      http.getResponse<FastifyReply>(),
      this.logger,
    );
  }

  /** The router's "no route" for a path that exists with other methods: 405, with what it allows. */
  private methodNotAllowed(exception: unknown, request: FastifyRequest): ProblemError | undefined {
    if (!(exception instanceof NotFoundException)) return undefined;
    const allowed = this.allowedMethods.of(request.url.split('?')[0]);
    if (allowed.length === 0 || allowed.includes(request.method)) return undefined;
    return new ProblemError(
      'method-not-allowed',
      `${request.method} is not answered here; ${allowed.join(', ')} are`,
      {},
      { allow: allowed.join(', ') },
    );
  }
}

export function sendProblem(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  logger: Pick<Logger, 'error' | 'warn'>,
): void {
  const { problem, headers } = toProblem(error);
  const instance = maskPersonalData(request.url);
  if (problem.status >= 500 && error instanceof ProblemError) {
    logger.warn(`${problem.status} ${problem.type} ${request.method} ${instance}: ${maskIins(problem.detail ?? '')}`);
  } else if (problem.status >= 500) {
    logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(withoutPersonalData({ ...problem, instance }));
}

/** A problem document names no person: an IIN echoed from the request is masked as in the logs. */
function withoutPersonalData(problem: ProblemDocument): ProblemDocument {
  return {
    ...problem,
    ...(problem.detail === undefined ? {} : { detail: maskIins(problem.detail) }),
    ...(problem.errors === undefined
      ? {}
      : { errors: problem.errors.map((e) => ({ field: e.field, message: maskIins(e.message) })) }),
  };
}
