import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WriteResult } from '#event-log';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../access/key-ring.js';
import { principalOf, type Principal } from '../access/principal.js';
import { validationProblem } from '../http/problem-details/problem.js';
import type { WriteOutcome } from './record-fact.command.js';

/** Everything about a write request besides its command: who, which retry, which revision. */
export interface WriteContext {
  readonly principal: Principal;
  readonly correlationId: string;
  /** The request's own id: the cause of the events it records. */
  readonly requestId: string;
  readonly idempotencyKey?: string;
  /** From `If-Match: "<revision>"`: append only if the entity's stream is at this revision. */
  readonly expectedRevision?: number;
  readonly method: string;
  /** The route's pattern (`/v1/entities/:bin/gifts`), not the raw URL: what a key is bound to. */
  readonly route: string;
}

/** A write request as a controller receives it: its context, and how to answer what it recorded. */
export interface WriteRequest {
  readonly context: WriteContext;
  /** Sets the answer's headers (the new revision as ETag, whether it was a replay) and answers its body. */
  answer(outcome: WriteOutcome): WriteResult;
}

/** Visible ASCII, as in the Idempotency-Key draft. */
export const TOKEN = /^[\x21-\x7e]{1,255}$/;
export const IF_MATCH = /^"(\d{1,15})"$/;

/** Reads the write headers of a request, refusing malformed ones with a 400 naming the header. */
export const Write = createParamDecorator((_: unknown, context: ExecutionContext): WriteRequest => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Caller }>();
  const reply = context.switchToHttp().getResponse<FastifyReply>();
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const problems: { field: string; message: string }[] = [];

  const idempotencyKey = header('idempotency-key');
  if (idempotencyKey !== undefined && !TOKEN.test(idempotencyKey)) {
    problems.push({ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1-255 visible ASCII characters' });
  }
  const correlationId = header('x-correlation-id');
  if (correlationId !== undefined && !TOKEN.test(correlationId)) {
    problems.push({ field: 'X-Correlation-Id', message: 'X-Correlation-Id must be 1-255 visible ASCII characters' });
  }
  const ifMatch = header('if-match');
  const revision = ifMatch === undefined ? undefined : IF_MATCH.exec(ifMatch.trim())?.[1];
  if (ifMatch !== undefined && revision === undefined) {
    problems.push({ field: 'If-Match', message: 'If-Match must be a quoted revision, as in If-Match: "4"' });
  }
  if (problems.length > 0) throw validationProblem(problems);

  const requestId = randomUUID();
  return {
    context: {
      principal: principalOf(request),
      correlationId: correlationId ?? requestId,
      requestId,
      idempotencyKey,
      expectedRevision: revision === undefined ? undefined : Number(revision),
      method: request.method,
      route: request.routeOptions.url ?? request.url.split('?')[0],
    },
    answer: ({ result, replayed }) => {
      void reply.header('etag', `"${result.revision}"`);
      if (replayed) void reply.header('idempotent-replayed', 'true');
      return result;
    },
  };
});
