import { applyDecorators, SetMetadata } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiAccess, ApiPublicWhen } from '../openapi/operations.js';
import type { Role } from './roles.js';

export const ACCESS = Symbol('access');

/**
 * Who may call an endpoint (admin always may). `scoped`: an officer only for the entities its
 * key lists and their subsidiaries. An endpoint without this decorator, or `@Public()`, is
 * refused to everyone: access is granted, never assumed.
 */
export interface AccessRule {
  readonly roles: readonly Role[];
  readonly scoped?: boolean;
}

/** Who may call it, for the access guard and in the OpenAPI document alike. */
export const Access = (rule: AccessRule) =>
  applyDecorators(SetMetadata(ACCESS, rule), ApiAccess(rule.roles, rule.scoped ?? false));

/** No key needed: health checks and the API documentation. */
export const Public = () => SetMetadata(ACCESS, 'public');

/** Writes about an entity: its officers. */
export const OfficerWrites = () => Access({ roles: ['officer'], scoped: true });
/** Reads about one entity, personal data included: its officers and auditors. */
export const EntityReads = () => Access({ roles: ['officer', 'auditor'], scoped: true });
/** The register: everyone with a key. */
export const RegisterReads = () => Access({ roles: ['officer', 'registry', 'auditor'] });
/**
 * On an operation of the register (with `@RegisterReads()`): also open to callers without a key
 * when the service runs in public register mode (PUBLIC_REGISTER=true). Marked on the Fastify
 * route, where the rate limit and the early 401 see it before NestJS does.
 */
export const PublicRegisterReads = () =>
  applyDecorators(RouteConfig({ openInPublicRegister: true }), ApiPublicWhen('PUBLIC_REGISTER=true'));
/** Anyone with a key, whatever its role. */
export const KeyHolders = () => Access({ roles: ['officer', 'registry', 'auditor'] });
/** Auditors only. */
export const AuditReads = () => Access({ roles: ['auditor'] });
