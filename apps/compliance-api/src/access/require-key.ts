import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { sendProblem } from '../http/problem-details/problem-details.filter.js';
import { ProblemError } from '../http/problem-details/problem.js';
import { bearerKey, type KeyRing } from './key-ring.js';
import type { PublicRegister } from './public-register.js';

/** Everything under it needs a key (except what public register mode opens); health checks, the documentation and the console do not. */
const KEYED_PREFIX = '/v1/';

/**
 * A request to the API without a known key is answered 401 as soon as its headers are in: before
 * its body is read or judged, so an anonymous caller learns nothing of what the API would make
 * of it, and spends nothing of the server's on parsing it. After the rate limit (`onRequest`), so
 * made-up keys still count against their address.
 */
export function requireKey(app: NestFastifyApplication, keys: KeyRing, publicRegister: PublicRegister): void {
  const logger = new Logger('Access');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('preParsing', (request, reply, payload, done) => {
      if (
        !request.url.startsWith(KEYED_PREFIX) ||
        keys.callerOf(request) !== undefined ||
        publicRegister.admits(request)
      )
        return done(null, payload);
      sendProblem(unauthenticated(request), request, reply, logger);
    });
}

export function unauthenticated(request: Pick<FastifyRequest, 'headers'>): ProblemError {
  return new ProblemError(
    'unauthenticated',
    bearerKey(request.headers.authorization) === undefined
      ? 'Send Authorization: Bearer <key>'
      : 'This key is not known',
    {},
    { 'www-authenticate': 'Bearer' },
  );
}
