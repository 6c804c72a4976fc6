import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every answer the HTTP tests receive is checked against the OpenAPI document (the committed
 * contract, which a test holds equal to the served one): its status must be one the operation
 * declares, its media type one declared for that status, its body valid by the declared schema
 * (each line of NDJSON), and its declared headers present when required and valid when sent.
 */

type Json = Record<string, unknown>;
interface Operation {
  readonly pattern: RegExp;
  readonly pointer: string;
  readonly responses: Record<string, Json>;
}

const DOCUMENT_ID = 'openapi.json';
const document = JSON.parse(readFileSync('libs/api-contract/src/openapi.json', 'utf8')) as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { headers: Record<string, Json> };
};

/** Counts of answers checked, per test process, summed by the summary reporter. */
export const CONTRACT_COUNTS_DIR = join(tmpdir(), 'compliance-contract-counts');

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema(document, DOCUMENT_ID);
/** Headers are text on the wire: `X-RateLimit-Limit: 6000` is the integer its schema says. */
const headerAjv = new Ajv2020({ strict: false, coerceTypes: true });

/** The document, as committed (a test holds it equal to the served one). */
export const CONTRACT = document;

export const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({
    pattern: new RegExp(`^${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    pointer: `#/paths/${escape(path)}/${method}`,
    responses: operation.responses as Record<string, Json>,
  })),
);

const validators = new Map<string, ValidateFunction>();
/** A validator of the schema at a JSON pointer into the document (`#/components/schemas/Problem`). */
export function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

const mediaType = (contentType: unknown) => (typeof contentType === 'string' ? contentType.split(';')[0].trim() : '');

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly text: string;
}

let checked = 0;

/** Throws, naming what differs, when an answer to `method path` is not one the document describes. */
export function checkAgainstContract(method: string, url: string, answer: Answer): void {
  const path = url.split('?')[0];
  if (!path.startsWith('/v1/') && path !== '/health') return; // the documentation's own pages
  const operation = operations.find((candidate) => candidate.pattern.test(`${method} ${path}`));
  const problems: string[] = [];
  if (operation === undefined) {
    // no operation: the router's own answers, a problem document like any other
    if (![404, 405].includes(answer.status)) problems.push(`status ${answer.status} for a path with no such operation`);
    check(problems, '#/components/schemas/Problem', answer.text, 'application/problem+json', answer);
  } else {
    const response = operation.responses[String(answer.status)];
    if (response === undefined) {
      problems.push(`status ${answer.status} is not documented (${Object.keys(operation.responses).join(', ')})`);
    } else {
      const pointer = `${operation.pointer}/responses/${answer.status}`;
      const content = (response.content ?? {}) as Record<string, Json>;
      const type = mediaType(answer.headers['content-type']);
      if (method === 'HEAD' || Object.keys(content).length === 0) {
        // nothing to check of a body
      } else if (!(type in content)) {
        problems.push(
          `media type "${type}" is not documented for ${answer.status} (${Object.keys(content).join(', ')})`,
        );
      } else if (type !== 'text/event-stream') {
        check(problems, `${pointer}/content/${escape(type)}/schema`, answer.text, type, answer);
      }
      checkHeaders(problems, (response.headers ?? {}) as Record<string, Json>, answer.headers);
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `The answer to ${method} ${url} is not what the OpenAPI document describes:\n  ${problems.join('\n  ')}\n` +
        `Answer: ${answer.status} ${answer.text.slice(0, 2000)}`,
    );
  }
  countChecked();
}

function check(problems: string[], schemaPointer: string, text: string, type: string, answer: Answer): void {
  const validate = validatorAt(schemaPointer);
  const bodies = type === 'application/x-ndjson' ? text.split('\n').filter((line) => line !== '') : [text];
  for (const body of bodies) {
    let value: unknown = body; // text/plain is its own value (a checkpoint note, a key)
    if (type !== 'text/plain')
      try {
        value = JSON.parse(body);
      } catch {
        problems.push(`the ${answer.status} body is not JSON: ${body.slice(0, 200)}`);
        continue;
      }
    if (!validate(value)) problems.push(...(validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message}`));
  }
}

function checkHeaders(problems: string[], declared: Record<string, Json>, sent: Record<string, unknown>): void {
  for (const [name, declaration] of Object.entries(declared)) {
    const header = (
      typeof declaration.$ref === 'string'
        ? document.components.headers[(declaration.$ref as string).split('/').at(-1) as string]
        : declaration
    ) as Json & { required?: boolean; schema?: Json };
    const value = sent[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) problems.push(`header ${name} is required, and missing`);
      continue;
    }
    const validate = headerAjv.compile(header.schema ?? {});
    if (!validate(value)) problems.push(`header ${name}: "${String(value)}" ${validate.errors?.[0]?.message}`);
  }
}

function countChecked(): void {
  checked++;
}

/** Adds the answers checked since the last call to the run's count (the summary reporter prints it). */
export function reportContractChecks(): void {
  if (checked === 0) return;
  mkdirSync(CONTRACT_COUNTS_DIR, { recursive: true });
  appendFileSync(join(CONTRACT_COUNTS_DIR, `${process.pid}`), `${checked}\n`);
  checked = 0;
}
