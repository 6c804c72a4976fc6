import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  type ApiResponseOptions,
} from '@nestjs/swagger';
import { RULE_NAMES } from '#domain';
import type { Role } from '../access/roles.js';
import { catalogued, type HttpProblemName, type ProblemName } from '../http/problem-details/problem-catalogue.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem-details/problem-details.filter.js';
import type { ResponseSchemaName } from './schemas/index.js';

/** The name of the API-key security scheme in the document. */
export const API_KEY_SCHEME = 'apiKey';

export const schemaRef = (name: ResponseSchemaName | string) => ({ $ref: `#/components/schemas/${name}` });
export const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** Headers every answer of a keyed operation may carry (the rate limit's). */
const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': headerRef('X-RateLimit-Limit'),
  'X-RateLimit-Remaining': headerRef('X-RateLimit-Remaining'),
  'X-RateLimit-Reset': headerRef('X-RateLimit-Reset'),
};

/** The problem types each status stands for wherever it is answered: the HTTP layer's own. */
const USUAL_PROBLEMS: Readonly<Record<number, readonly HttpProblemName[]>> = {
  400: ['malformed-request', 'validation-failed'],
  401: ['unauthenticated'],
  403: ['forbidden'],
  412: ['revision-mismatch'],
  413: ['body-too-large'],
  414: ['uri-too-long'],
  415: ['unsupported-media-type'],
  422: ['idempotency-key-reused'],
  429: ['too-many-requests'],
};

/** Problem headers by status: what the client is to do next. */
const PROBLEM_HEADERS: Readonly<Record<number, ApiResponseOptions['headers']>> = {
  401: { 'WWW-Authenticate': headerRef('WWW-Authenticate') },
  429: { 'Retry-After': headerRef('Retry-After') },
  503: { 'Retry-After': headerRef('Retry-After-When-Worth-It') },
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 414 | 415 | 422 | 429 | 503;

export interface ProblemsOptions {
  /** Problem types this operation answers beyond the HTTP layer's usual ones, each under its own status. */
  readonly also?: readonly ProblemName[];
  /** Whether every rule of the record may refuse the request (writes): their names join the descriptions. */
  readonly rules?: boolean;
}

/** The problem answers an operation may give: each status as application/problem+json, with the types it may be. */
export function ApiProblems(
  statuses: readonly ProblemStatus[],
  options: ProblemsOptions = {},
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => {
      const names = [
        ...new Set([
          ...(USUAL_PROBLEMS[status] ?? []),
          ...(options.also ?? []).filter((name) => catalogued(name).status === status),
          ...(options.rules ? RULE_NAMES.filter((rule) => catalogued(rule).status === status) : []),
        ]),
      ];
      return ApiResponse({
        status,
        description: `A problem: ${names.map((name) => `\`${name}\``).join(', ')}`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaRef('Problem') } },
        headers: { ...PROBLEM_HEADERS[status], ...RATE_LIMIT_HEADERS },
      });
    }),
  );
}

/**
 * What a keyed operation says about access: the API key, the roles that may call it (`x-roles`;
 * an admin key always may), and the answers every keyed operation may give.
 */
export function ApiAccess(roles: readonly Role[], scoped: boolean): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(API_KEY_SCHEME),
    ApiExtension('x-roles', [...new Set<Role>([...roles, 'admin'])]),
    ...(scoped ? [ApiExtension('x-officer-scope', 'the entities the key lists and their subsidiaries')] : []),
    ApiProblems([400, 401, 403, 429]),
  );
}

/**
 * An operation that a setting of the service opens to callers without a key. The document does
 * not depend on the configuration: the operation keeps its key requirement, and says when it is
 * lifted (`x-public-when`).
 */
export const ApiPublicWhen = (setting: string) => ApiExtension('x-public-when', setting);

/** What `x-public-when: PUBLIC_REGISTER=true` means, said in the description of the operations it marks. */
export const OPEN_IN_PUBLIC_REGISTER_MODE =
  'A service started with PUBLIC_REGISTER=true also answers it without a key (no Authorization header), rate limited per address (PUBLIC_RATE_LIMIT_PER_MINUTE); a request with a key is answered as always.';

export interface SuccessOptions {
  readonly status?: 200 | 201;
  readonly description: string;
  /** The media types the answer may come as, each with its schema; JSON by default. */
  readonly content?: Readonly<Record<string, { schema: object }>>;
  readonly headers?: ApiResponseOptions['headers'];
}

/** The successful answer of an operation: its schema by component name, and its headers. */
export function ApiSuccess(schema: ResponseSchemaName, options: SuccessOptions): MethodDecorator {
  return ApiResponse({
    status: options.status ?? 200,
    description: options.description,
    content: options.content ?? { 'application/json': { schema: schemaRef(schema) } },
    headers: { ...options.headers, ...RATE_LIMIT_HEADERS },
  });
}

/** An operation's summary and, for the longer story, its description. */
export const ApiSummary = (summary: string, description?: string) =>
  ApiOperation({ summary, ...(description === undefined ? {} : { description }) });

/** A request header the operation reads, described by its component. */
export const ApiRequestHeader = (name: string, description: string, pattern: string) =>
  ApiHeader({ name, required: false, description, schema: { type: 'string', pattern } });
