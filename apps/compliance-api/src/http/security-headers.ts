import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isConsolePath } from '../console/console-paths.js';

type SetHeaders = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * The headers of OWASP's REST Security Cheat Sheet for the API's JSON answers: nothing of
 * theirs may run, be framed, sniffed or sent over plain HTTP. helmet's browser-page headers
 * (XSS filter, DNS prefetch, download options...) mean nothing for JSON and would double the
 * size of a register view's answer.
 */
const forApi = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  frameguard: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
});

/** helmet's defaults for the browsable OpenAPI pages, whose UI needs its own styles and images. */
const forPages = helmet({
  contentSecurityPolicy: {
    directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
  },
});

/**
 * The console (a single-page application built to plain files): it may load only its own
 * scripts, styles, images and data, may not be framed, and has no inline code to allow.
 */
const forConsole = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      styleSrc: ["'self'"],
      scriptSrc: ["'self'"],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
  },
  frameguard: { action: 'deny' },
});

/**
 * Security headers on every answer. Each helmet middleware is built once, here: the Fastify
 * plugin rebuilds it (and re-parses the policy) on every request, which cost the register's
 * hot path more than its own work.
 */
export function addSecurityHeaders(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const setHeaders: SetHeaders = request.url.startsWith('/docs')
        ? forPages
        : isConsolePath(request.url)
          ? forConsole
          : forApi;
      setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
    });
}
