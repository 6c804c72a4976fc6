import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Metrics } from './metrics.js';

/**
 * Times every answer, labelled by the route's pattern (`/v1/register/:bin`), never its URL: a
 * label per BIN, or per made-up path, would grow without bound. A path no route matched is
 * `unmatched`.
 */
export function measureRequests(app: NestFastifyApplication, metrics: Metrics): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request, reply, done) => {
      metrics.requestDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
}
