import { describe, expect, it } from '@jest/globals';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from '../src/http/problem-details/problem-details.filter.js';
import { ProblemError } from '../src/http/problem-details/problem.js';

function answer(error: unknown, url = '/v1/register/081140000436') {
  const logged: { level: 'warn' | 'error'; line: string }[] = [];
  const sent: { status?: number; body?: unknown } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    headers() {
      return this;
    },
    header() {
      return this;
    },
    send(body: unknown) {
      sent.body = body;
      return this;
    },
  } as unknown as FastifyReply;
  sendProblem(error, { url, method: 'GET' } as FastifyRequest, reply, {
    warn: (line: string) => logged.push({ level: 'warn', line }),
    error: (line: string) => logged.push({ level: 'error', line }),
  });
  return { logged, sent };
}

describe('what a refusal writes to the log', () => {
  it('logs nothing for a client mistake', () => {
    expect(answer(new ProblemError('validation-failed', 'Invalid: bin')).logged).toEqual([]);
  });

  it('logs an answer the service chose (a read ahead of the read models, contention) as a warning without a stack', () => {
    const { logged, sent } = answer(new ProblemError('read-models-behind', 'Still behind 00000000000000000042'));
    expect(sent.status).toBe(503);
    expect(logged).toEqual([
      {
        level: 'warn',
        line: '503 urn:compliance-engine:problem:read-models-behind GET /v1/register/081140000436: Still behind 00000000000000000042',
      },
    ]);
  });

  it('logs a failure of the service as an error with its stack, and tells the client nothing of it', () => {
    const { logged, sent } = answer(new TypeError('x is undefined'));
    expect(logged).toHaveLength(1);
    expect(logged[0].level).toBe('error');
    expect(logged[0].line).toContain('TypeError: x is undefined\n    at ');
    expect(JSON.stringify(sent.body)).not.toContain('x is undefined');
  });

  it('masks an IIN in the warning, as in the answer', () => {
    const { logged, sent } = answer(
      new ProblemError('write-contention', 'Too many writers for 860311300524'),
      '/v1/entities/860311300524/events',
    );
    expect(logged[0].line).not.toContain('860311300524');
    expect(JSON.stringify(sent.body)).not.toContain('860311300524');
  });
});
