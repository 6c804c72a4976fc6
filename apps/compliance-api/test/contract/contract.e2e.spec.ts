import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CONTRACT_DOCUMENT, CONTRACT_TYPES, contractTypes } from '../../src/docs/contract-types.js';
import { servedDocument } from './served-document.js';

type Operation = {
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { additionalProperties?: unknown; properties?: unknown }> };
};

const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, path, operation })),
  );

/**
 * The contract integrators and the console build on (libs/api-contract) is the document the
 * service serves, and the types openapi-typescript generates from it; `npm run contract` writes
 * them anew after a change of the API.
 */
describe('the API contract', () => {
  let served: Document;
  beforeAll(async () => {
    served = (await servedDocument()) as unknown as Document;
  });

  it('is the document the service serves, as committed (run `npm run contract` after changing the API)', () => {
    expect(served).toEqual(JSON.parse(readFileSync(CONTRACT_DOCUMENT, 'utf8')));
  });

  it('has its TypeScript types generated from that document, as committed', async () => {
    expect(await contractTypes(served as never)).toBe(readFileSync(CONTRACT_TYPES, 'utf8'));
  });

  it('says of every operation under /v1 the key it needs, the roles that may call it, and its 4xx answers', () => {
    const keyed = operationsOf(served).filter(({ path }) => path.startsWith('/v1/'));
    expect(keyed.length).toBeGreaterThan(30);
    for (const { name, operation } of keyed) {
      expect([name, operation.security]).toEqual([name, [{ apiKey: [] }]]);
      expect([name, operation['x-roles']]).toEqual([name, expect.arrayContaining(['admin'])]);
      expect([name, Object.keys(operation.responses)]).toEqual([
        name,
        expect.arrayContaining(['400', '401', '403', '429']),
      ]);
    }
  });

  it('answers every error as a problem document, and every success with a schema', () => {
    for (const { name, operation } of operationsOf(served)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect([name, status, Object.keys(response.content ?? {}).length > 0]).toEqual([name, status, true]);
        if (Number(status) >= 400 && name !== 'GET /health') {
          expect([name, status, response.content]).toEqual([
            name,
            status,
            { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          ]);
        }
      }
    }
  });

  it('closes every request body to fields it does not name, as the server refuses them', () => {
    const bodies = operationsOf(served).flatMap(({ operation }) =>
      Object.values(operation.requestBody?.content ?? {}).map(({ schema }) => schema.$ref?.split('/').at(-1) ?? ''),
    );
    expect(bodies.length).toBeGreaterThan(25);
    for (const name of bodies.filter(
      (body) => (served.components.schemas[body] as { type?: string } | undefined)?.type !== 'string',
    )) {
      expect([name, served.components.schemas[name]?.additionalProperties]).toEqual([name, false]);
    }
  });
});
