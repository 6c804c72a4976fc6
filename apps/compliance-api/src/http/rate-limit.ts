import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { KeyRing } from '../access/key-ring.js';

/**
 * At most `perMinute` requests a minute for each known API key (so one client behind many
 * addresses is one client), and for each address for everything else (no key, or keys the
 * service does not know: made-up keys share their address's allowance); 429 with Retry-After
 * beyond that. The health check is never limited: load balancers poll it.
 */
export async function limitRequestRates(app: NestFastifyApplication, perMinute: number, keys: KeyRing): Promise<void> {
  await app.register(rateLimit, {
    max: perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => {
      const caller = keys.callerOf(request);
      return caller ? `key:${caller.id}` : `address:${request.ip}`;
    },
    allowList: (request: FastifyRequest) => request.url === '/health',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `At most ${context.max} requests a minute for one key; retry after ${context.after}`,
    }),
  });
}
