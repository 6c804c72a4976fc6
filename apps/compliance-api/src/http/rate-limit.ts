import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { hashKey } from '../access/api-keys.js';

/**
 * At most `perMinute` requests a minute for each API key (counted by the key's hash, so one
 * client behind many addresses is one client), or for each address without a key; 429 with
 * Retry-After beyond that. The health check is never limited: load balancers poll it.
 */
export async function limitRequestRates(app: NestFastifyApplication, perMinute: number): Promise<void> {
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => {
      const authorization = request.headers.authorization;
      return typeof authorization === 'string' && authorization !== ''
        ? `key:${hashKey(authorization)}`
        : `ip:${request.ip}`;
    },
    allowList: (request: FastifyRequest) => request.url === '/health',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `At most ${context.max} requests a minute for one key; retry after ${context.after}`,
    }),
  });
}
