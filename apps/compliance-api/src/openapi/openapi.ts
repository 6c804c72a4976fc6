import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_KEY_SCHEME } from './operations.js';
import { RESPONSE_SCHEMAS } from './schemas/index.js';
import { RESPONSE_HEADERS } from './response-headers.js';

const DESCRIPTION = `Anti-corruption compliance facts of quasi-public sector entities of Kazakhstan, recorded as
events; integrity ratings for the Business Partners Register of NCE "Atameken" (advisory); an
auditable, verifiable history.

What the document cannot say (consistency, idempotency, paging, corrections) is in docs/API.md.
Every operation under /v1 needs an API key; \`x-roles\` names the roles that may call it (an
admin key always may), and \`x-officer-scope\` marks operations an officer key may use only for
its own entities and their subsidiaries. \`x-public-when\` marks the operations a setting of the
service opens to callers without a key (the register's views and list, with PUBLIC_REGISTER=true). Every error is application/problem+json (RFC 9457).
Any request may also be answered 408 (not received in full in time), 405 (a path that does not
take the method, with Allow) or 431 (headers too large).`;

const TAGS = [
  { name: 'entities', description: 'Entities, their compliance service and heads; profiles' },
  { name: 'certification', description: 'ISO 37001 / ST RK 3049 certificates and their life' },
  { name: 'conflicts of interest', description: 'Declarations, settlements and undeclared conflicts' },
  { name: 'gifts', description: 'Gifts reported and handed over, and gift-ban violations' },
  {
    name: 'offences and responsibility',
    description: "Employees' corruption offences and heads' personal responsibility",
  },
  { name: 'prevention', description: 'Risk analyses and trainings' },
  { name: 'register inputs', description: 'Indices supplied by the register operator' },
  { name: 'corrections', description: 'Retracting and correcting facts recorded in error' },
  { name: 'register', description: 'The Business Partners Register: views, lookups, the list and its changes' },
  { name: 'audit', description: 'History, integrity, scores and exports, from the event log itself' },
  { name: 'access', description: "Who the request's API key belongs to" },
  {
    name: 'transparency',
    description:
      'Signed checkpoints of the Merkle tree over the whole log, inclusion and consistency proofs, witnesses',
  },
  { name: 'operations', description: 'Health of the service' },
];

/** The OpenAPI 3.1 document of the API: the truth integrators generate clients from. */
export function openApiDocument(app: INestApplication, version: string): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('Quasi-public sector compliance engine')
      .setDescription(DESCRIPTION)
      .setVersion(version)
      .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
      .addSecurity(API_KEY_SCHEME, {
        type: 'http',
        scheme: 'bearer',
        description:
          'An API key (`cek_...`), as `Authorization: Bearer <key>`: opaque, created with `npm run cli -- keys create`',
      })
      .build(),
  );
  return completed(document);
}

/** Serves the document at /docs-json and its browsable UI at /docs. */
export function setupOpenApi(app: INestApplication, version: string): void {
  SwaggerModule.setup('docs', app, openApiDocument(app, version), { jsonDocumentUrl: 'docs-json' });
}

/**
 * What the decorators cannot say: the response schemas and headers as components, request
 * bodies closed to unknown fields, no default answer where the operation declares its own.
 */
function completed(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  for (const [name, schema] of Object.entries(components.schemas ?? {})) {
    if ('properties' in schema) components.schemas![name] = { ...schema, additionalProperties: false };
  }
  components.schemas = {
    ...components.schemas,
    ...referringToEachOther(structuredClone(RESPONSE_SCHEMAS)),
  } as typeof components.schemas;
  components.headers = { ...components.headers, ...RESPONSE_HEADERS };
  for (const path of Object.values(document.paths)) {
    for (const operation of [path.get, path.post, path.patch]) {
      if (operation === undefined) continue;
      // an operation that needs no key says so, rather than leaving it unsaid
      operation.security ??= [];
      // NestJS adds a default 200 (201 for POST) to operations that declare their own success
      const successes = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      if (successes.length < 2) continue;
      for (const [status, response] of successes)
        if (response !== undefined && !('content' in response)) delete operation.responses[status];
    }
  }
  return {
    ...document,
    info: { ...document.info, contact: { name: 'Compliance engine maintainers' } },
    tags: TAGS,
    components,
    servers: [
      {
        url: '{origin}',
        description: 'Wherever the service is deployed (`npm start` serves http://localhost:3000)',
        variables: {
          origin: { default: 'http://localhost:3000', description: 'Scheme, host and port of the service' },
        },
      },
    ],
  };
}

/**
 * The response schemas are written self-contained (a page holds its items' schema): in the
 * document, each copy of another component is a reference to it, so a generated client names
 * the item types too.
 */
function referringToEachOther(schemas: Record<string, object>): Record<string, object> {
  const byText = new Map(Object.entries(schemas).map(([name, schema]) => [JSON.stringify(schema), name]));
  const refer = (node: unknown, owner: string): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const named = byText.get(JSON.stringify(node));
    if (named !== undefined && named !== owner) return { $ref: `#/components/schemas/${named}` };
    if (Array.isArray(node)) return node.map((item) => refer(item, owner));
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, refer(value, owner)]));
  };
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name,
      Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, refer(value, name)])),
    ]),
  );
}
