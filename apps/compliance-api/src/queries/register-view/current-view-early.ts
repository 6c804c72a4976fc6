import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReadModels } from '#projections';
import { ACCESS, type AccessRule } from '../../access/access.decorator.js';
import { roleMayUse } from '../../access/access.guard.js';
import { KeyRing, type Caller } from '../../access/key-ring.js';
import { PublicRegister } from '../../access/public-register.js';
import { JSON_TYPE, RegisterController, withLogSize } from './register.controller.js';

const ROUTE = '/v1/register/:bin';

/**
 * The register's busiest read, an entity's current view (`GET /v1/register/{bin}` with no query),
 * answered as soon as Fastify has matched the route, without NestJS's per-request pipeline
 * (execution context, guard, validation pipe) around what is a lookup of stored JSON. Every
 * Fastify hook before it has run as for any request: the rate limit, the early 401, security
 * headers, metrics, logging. It answers only when the answer is certain to be the controller's:
 * no query to validate, a caller the route's own access rule admits (read from the controller
 * and decided by the guard's `roleMayUse`; a scoped rule is never answered here) or public
 * register mode admits, and a stored view to send. Anything else (a refusal, an unknown or
 * malformed BIN, an entity set aside, a query) goes on to the controller, which answers it.
 */
export function answerCurrentViewsEarly(app: NestFastifyApplication): void {
  const rule = app
    .get(Reflector)
    .getAllAndOverride<AccessRule | undefined>(ACCESS, [RegisterController.prototype.view, RegisterController]);
  if (rule === undefined || rule.scoped) return;
  const readModels = app.get(ReadModels);
  const keys = app.get(KeyRing);
  const publicRegister = app.get(PublicRegister);

  const answer = (request: FastifyRequest & { principal?: Caller }, reply: FastifyReply, done: () => void) => {
    if (request.url.includes('?')) return done();
    const caller = keys.callerOf(request);
    if (caller === undefined ? !publicRegister.admits(request) : !roleMayUse(rule, caller)) return done();
    const current = readModels.registerViews.current((request.params as { bin: string }).bin);
    if (current === undefined || 'withheld' in current) return done();
    if (caller !== undefined) request.principal = caller;
    void reply.header('content-type', JSON_TYPE).send(withLogSize(current.json, readModels.logSize()));
  };

  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (
        route.url !== ROUTE ||
        !(route.method === 'GET' || (Array.isArray(route.method) && route.method.includes('GET')))
      )
        return;
      const before = route.preHandler === undefined ? [] : [route.preHandler].flat();
      route.preHandler = [...before, answer];
    });
}
