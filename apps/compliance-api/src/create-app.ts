import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { KeyRing } from './access/key-ring.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { ProblemDetailsFilter, sendProblem } from './http/problem-details/problem-details.filter.js';
import { limitRequestRates } from './http/rate-limit.js';
import { addSecurityHeaders } from './http/security-headers.js';
import { StrictValidationPipe } from './http/validation/validation-pipe.js';
import { setupOpenApi } from './openapi/openapi.js';

export const MAX_BODY_BYTES = 1024 * 1024;
export const REQUEST_TIMEOUT_MS = 30_000;
export const API_VERSION = '0.1.0';

/** Builds the application (not yet listening): used by `main` and by the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: MAX_BODY_BYTES,
      // a client gets this long to send its request (headers and body); answers may take longer
      requestTimeout: REQUEST_TIMEOUT_MS,
      // the router refuses a malformed URL or an over-long path parameter before NestJS sees it
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
        sendProblem(error, request, reply, new NestLogger('ProblemDetails')),
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  addSecurityHeaders(app);
  await limitRequestRates(app, config.rateLimitPerMinute, app.get(KeyRing));
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
    });
  }
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app, API_VERSION);
  await app.init();
  return app;
}
