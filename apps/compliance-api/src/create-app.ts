import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { KeyRing } from './access/key-ring.js';
import { PublicRegister } from './access/public-register.js';
import { requireKey } from './access/require-key.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { serveConsole } from './console/serve-console.js';
import { ProblemDetailsFilter, sendProblem } from './http/problem-details/problem-details.filter.js';
import { AllowedMethods } from './http/allowed-methods.js';
import { answerClientError } from './http/client-errors.js';
import { limitRequestRates } from './http/rate-limit.js';
import { addSecurityHeaders } from './http/security-headers.js';
import { StrictValidationPipe } from './http/validation/validation-pipe.js';
import { Metrics } from './metrics/metrics.js';
import { measureRequests } from './metrics/request-metrics.js';
import { setupOpenApi } from './openapi/openapi.js';
import { answerCurrentViewsEarly } from './queries/register-view/current-view-early.js';

export const MAX_BODY_BYTES = 1024 * 1024;
const TIMEOUT_CHECK_MS = 1000;
export const API_VERSION = '0.1.0';

/** Builds the application (not yet listening): used by `main` and by the end-to-end tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter({
      bodyLimit: MAX_BODY_BYTES,
      // a client gets this long to send its request (headers and body); answers may take longer
      requestTimeout: config.requestTimeoutMs,
      // the router refuses a malformed URL or an over-long path parameter before NestJS sees it
      frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
        sendProblem(error, request, reply, new NestLogger('ProblemDetails')),
      // what the HTTP parser refuses is answered as a problem document too
      clientErrorHandler: answerClientError,
      // Node enforces the request timeout only if the headers timeout is no longer (it takes
      // the shorter as the headers' and the longer as the whole request's: its default of 60 s
      // would stand for both), and checks them this often (by default every 30 s)
      http: { headersTimeout: config.requestTimeoutMs, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    }),
    { bufferLogs: true },
  );
  const allowedMethods = AllowedMethods.learn(app.getHttpAdapter().getInstance());
  app.useLogger(app.get(Logger));
  const metrics = app.get(Metrics);
  measureRequests(app, metrics);
  addSecurityHeaders(app);
  const keys = app.get(KeyRing);
  const publicRegister = app.get(PublicRegister);
  await limitRequestRates(
    app,
    { perMinute: config.rateLimitPerMinute, publicPerMinute: config.publicRateLimitPerMinute },
    keys,
    publicRegister,
    (limit) => metrics.rateLimitRefusals.inc({ limit }),
  );
  requireKey(app, keys, publicRegister);
  answerCurrentViewsEarly(app);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
    });
  }
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(allowedMethods));
  setupOpenApi(app, API_VERSION);
  serveConsole(app, { dir: config.consoleDir, publicRegister: config.publicRegister });
  await app.init();
  return app;
}
