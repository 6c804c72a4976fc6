import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { KeyRing } from '../access/key-ring.js';
import type { PublicRegister } from '../access/public-register.js';
import type { RateLimitKind } from '../metrics/metrics.js';

export interface RateLimits {
  /** Requests a minute for each key, and for each address without a known key. */
  readonly perMinute: number;
  /** Requests a minute for each address reading the register without a key, in public register mode. */
  readonly publicPerMinute: number;
}

/** Counted apart from everything else an address sends, with its own (smaller) allowance. */
const PUBLIC_PREFIX = 'public:';

/**
 * At most `perMinute` requests a minute for each known API key (so one client behind many
 * addresses is one client), and for each address for everything else (no key, or keys the
 * service does not know: made-up keys share their address's allowance); 429 with Retry-After
 * beyond that. Anonymous reads of the register in public register mode are counted per address
 * on their own, at `publicPerMinute`: open to anyone, they are the ones to keep small, and a
 * keyed client behind the same address (an office's NAT) keeps its own allowance. The health
 * check is never limited: load balancers poll it.
 */
export async function limitRequestRates(
  app: NestFastifyApplication,
  limits: RateLimits,
  keys: KeyRing,
  publicRegister: PublicRegister,
  onRefused: (limit: RateLimitKind) => void = () => undefined,
): Promise<void> {
  await app.register(rateLimit, {
    max: (_request: FastifyRequest, key: string) =>
      key.startsWith(PUBLIC_PREFIX) ? limits.publicPerMinute : limits.perMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => {
      const caller = keys.callerOf(request);
      if (caller) return `key:${caller.id}`;
      return publicRegister.admits(request) ? `${PUBLIC_PREFIX}${request.ip}` : `address:${request.ip}`;
    },
    allowList: (request: FastifyRequest) => request.url === '/health',
    onExceeded: (_request: FastifyRequest, key: string) => onRefused(limitOf(key)),
    errorResponseBuilder: (request, context) => ({
      statusCode: 429,
      message: publicRegister.admits(request)
        ? `At most ${context.max} requests a minute from one address without a key; retry after ${context.after}`
        : `At most ${context.max} requests a minute for one key; retry after ${context.after}`,
    }),
  });
}

/** Which allowance a rate-limit key counts against (the keys keyGenerator makes). */
function limitOf(key: string): RateLimitKind {
  if (key.startsWith(PUBLIC_PREFIX)) return 'public';
  return key.startsWith('key:') ? 'key' : 'address';
}
