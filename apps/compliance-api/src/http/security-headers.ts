import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * helmet's security headers on every answer. The middleware is built once, here: the Fastify
 * plugin rebuilds it (and re-parses the policy) on every request, which cost the register's
 * hot path more than its own work.
 */
export function addSecurityHeaders(app: NestFastifyApplication): void {
  const setHeaders = helmet({
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
    },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) =>
      setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
}
