import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc, { type Arbitrary } from 'fast-check';
import { CONTRACT, escape, validatorAt } from '../support/contract.js';
import { aBin, IIN, TestApp } from '../support/test-app.js';
import { arbitraryOf, type Schema } from './schema-arbitrary.js';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema: Schema;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { content: { 'application/json': { schema: Schema } } };
}

const RUNS_PER_OPERATION = 40;

const resolve = (ref: string): Schema =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], CONTRACT) as Schema;

/** The write operations of the document: every POST and PATCH under /v1 but the transparency log's. */
const WRITES = Object.entries(CONTRACT.paths as unknown as Record<string, Record<string, Operation>>).flatMap(
  ([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method === 'post' || method === 'patch')
      // the transparency log's: a text note, or no body at all (tested on their own)
      .filter(() => !path.startsWith('/v1/transparency/'))
      .map(([method, operation]) => ({ path, method: method.toUpperCase() as 'POST' | 'PATCH', operation })),
);

/** Fields whose rule reaches beyond JSON Schema (`x-rule`): a valid-looking value may still be refused by it. */
const FIELDS_WITH_RULES = new Set<string>();
JSON.stringify(CONTRACT, (_key, value: unknown) => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, property] of Object.entries(value as Record<string, unknown>)) {
      if (property && typeof property === 'object' && 'x-rule' in property) FIELDS_WITH_RULES.add(name);
    }
    if ('x-rule' in value && 'name' in value) FIELDS_WITH_RULES.add(String((value as { name: unknown }).name));
  }
  return value;
});

/** Ways to make a body invalid by the document: a field it does not name, one left out, one of another type. */
const mutation: Arbitrary<(body: Record<string, unknown>) => unknown> = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 12 })
    .map((name) => (body: Record<string, unknown>) => ({ ...body, [`x${name}`]: 'unexpected' })),
  fc.nat().map((n) => (body: Record<string, unknown>) => {
    const keys = Object.keys(body);
    if (keys.length === 0) return body;
    const { [keys[n % keys.length]]: _left, ...rest } = body;
    return rest;
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom<unknown>(null, 12345, -1.5, true, {}, [], '', ' ', 'x'.repeat(3000)))
    .map(([n, wrong]) => (body: Record<string, unknown>) => {
      const keys = Object.keys(body);
      return keys.length === 0 ? { wrong } : { ...body, [keys[n % keys.length]]: wrong };
    }),
  fc.constantFrom<unknown>([], 'a body', 42, null).map((whole) => () => whole),
);

/**
 * Requests generated from the document's own request schemas (fast-check), against every write
 * operation of the running service. The document's schemas, through an independent validator
 * (Ajv), are the oracle: a request they accept is answered as the document says and refused only
 * by a rule of the record or a rule the schema names (`x-rule`); a request they refuse is a 400.
 * Never a 5xx, never a status the operation does not declare (every answer is also checked
 * against the document by the test app).
 */
describe('random requests from the document, against the write endpoints', () => {
  let api: TestApp;
  const bins: string[] = [];
  const eventIds: string[] = [];

  beforeAll(async () => {
    api = await TestApp.start();
    for (let i = 0; i < 3; i++) {
      const bin = aBin();
      bins.push(bin);
      const writes: [string, Record<string, unknown>][] = [
        ['/v1/entities', { bin, name: `Fuzzed ${i} JSC`, stateSharePercent: 100 }],
        [`/v1/entities/${bin}/heads`, { iin: IIN, fullName: 'H', position: 'chair', appointedOn: '2020-01-01' }],
        [
          `/v1/entities/${bin}/certificates`,
          {
            certificateId: 'cert-1',
            certificateNumber: 'N-1',
            standard: 'ISO_37001',
            certificationBody: 'Body',
            issuedOn: '2020-01-01',
            expiresOn: '2030-01-01',
          },
        ],
        [
          `/v1/entities/${bin}/corruption-offences`,
          { offenceId: 'off-1', employeeIin: IIN, position: 'clerk', category: 'fraud', registeredOn: '2020-02-01' },
        ],
      ];
      for (const [url, body] of writes) {
        const answer = await api.post(url, body);
        expect(answer.status).toBe(201);
        eventIds.push((answer.body as { eventId: string }).eventId);
      }
    }
  });
  afterAll(async () => {
    await api.stop();
  });

  /** Path parameters: mostly things that exist, so requests reach the rules; any valid value otherwise. */
  function pathValue(parameter: Parameter): Arbitrary<unknown> {
    const known: Record<string, readonly string[]> = {
      bin: bins,
      iin: [IIN],
      certificateId: ['cert-1'],
      offenceId: ['off-1'],
      eventId: eventIds,
    };
    const any = arbitraryOf(parameter.schema, resolve);
    return known[parameter.name]
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known[parameter.name]) }, any)
      : any;
  }

  it.each(WRITES.map((write) => [`${write.method} ${write.path}`, write] as const))(
    '%s: answers as the document says',
    async (_, { path, method, operation }) => {
      const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path');
      const bodySchema = operation.requestBody?.content['application/json'].schema ?? { type: 'object' };
      const validBody = validatorAt(
        `#/paths/${escape(path)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`,
      );
      const request = fc.record({
        params: fc.tuple(...parameters.map(pathValue)),
        body: arbitraryOf(bodySchema, resolve) as Arbitrary<Record<string, unknown>>,
        mutate: fc.option(mutation, { freq: 2 }), // half the requests valid by the document, half not
      });

      await fc.assert(
        fc.asyncProperty(request, async ({ params, body, mutate }) => {
          const url = parameters.reduce(
            (text, parameter, i) => text.replace(`{${parameter.name}}`, encodeURIComponent(String(params[i]))),
            path,
          );
          const sentBody = mutate === null ? body : mutate(body);
          const answer = await api.request(method, url, JSON.stringify(sentBody)); // checked against the document
          expect(answer.status).toBeLessThan(500);
          const problem = answer.body as { type?: string; rule?: string; errors?: { field: string }[] };
          if (!validBody(sentBody)) {
            // invalid by the document: refused as such, whatever else is wrong
            expect([answer.status, problem.type]).toEqual([
              400,
              expect.stringMatching(/(validation-failed|malformed-request)$/),
            ]);
          } else if (answer.status === 400 && problem.rule === undefined) {
            // valid by the document, refused as invalid: only by a rule the document names (x-rule)
            const fields = (problem.errors ?? []).map((e) => e.field.split('.'));
            expect(fields.filter((field) => !field.some((name) => FIELDS_WITH_RULES.has(name)))).toEqual([]);
          }
        }),
        { numRuns: RUNS_PER_OPERATION },
      );
    },
  );
});
