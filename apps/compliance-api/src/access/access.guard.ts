import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../http/problem-details/problem.js';
import { ACCESS, type AccessRule } from './access.decorator.js';
import { HoldingScope } from '#write-side';
import { KeyRing, type Caller } from './key-ring.js';
import { PublicRegister } from './public-register.js';
import { unauthenticated } from './require-key.js';

type Request = FastifyRequest & { principal?: Caller };

/**
 * Checks every request against the access table of PRODUCT.md section 7: who the key belongs
 * to (401 without one), whether its role may use the endpoint, and for an officer whether the
 * entity is one of its own (403). Runs before validation, so nothing is written either way. In
 * public register mode, a request without a key to the register views or list passes with no
 * caller (PublicRegister).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KeyRing,
    private readonly scope: HoldingScope,
    private readonly publicRegister: PublicRegister,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | 'public' | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule === 'public') return true;
    const request = context.switchToHttp().getRequest<Request>();
    // no key, on a register read public register mode opens: served with no caller at all
    if (this.publicRegister.admits(request)) return true;
    const caller = this.identify(request);
    request.principal = caller;
    if (caller.role === 'admin') return true;
    if (!roleMayUse(rule, caller)) {
      throw forbidden(`${/^[aeiou]/.test(caller.role) ? 'An' : 'A'} ${caller.role} key may not use this endpoint`);
    }
    if (rule?.scoped && caller.role === 'officer' && !(await this.covers(caller, request))) {
      throw forbidden("This entity is not one of the officer key's entities or their subsidiaries");
    }
    return true;
  }

  /** Already checked as the request arrived (requireKey), for the routes a key is required on. */
  private identify(request: Request): Caller {
    const caller = this.keys.callerOf(request);
    if (caller) return caller;
    throw unauthenticated(request);
  }

  /**
   * The officer's own entities and, down their holding chains, their subsidiaries, as the log
   * has them at this moment. A parent named in a body (registering an entity, or moving one)
   * must be within the scope too, so an officer can never hand an entity to, or take one from, a
   * holding it does not cover.
   */
  private async covers(caller: Caller, request: Request): Promise<boolean> {
    const params = request.params as { bin?: unknown } | undefined;
    const body = request.body as { bin?: unknown; parentBin?: unknown } | undefined;
    const parent = typeof body?.parentBin === 'string' ? body.parentBin : undefined;
    if (parent !== undefined && !(await this.scope.isWithin(parent, caller.bins))) return false;
    if (typeof params?.bin === 'string') return this.scope.isWithin(params.bin, caller.bins);
    if (typeof body?.bin !== 'string') return true; // validation will refuse the body
    // registering: one of the key's own BINs, or under one of them (checked above)
    return parent !== undefined || caller.bins.has(body.bin);
  }
}

/** Whether the caller's role may use an endpoint with this rule, before any scope is checked (admin always may). */
export function roleMayUse(rule: AccessRule | undefined, caller: Caller): boolean {
  return caller.role === 'admin' || (rule !== undefined && rule.roles.includes(caller.role));
}

function forbidden(detail: string): ProblemError {
  return new ProblemError('forbidden', detail);
}
