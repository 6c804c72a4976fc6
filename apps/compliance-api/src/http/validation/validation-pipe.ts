import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { validationProblem, type FieldError } from '../problem-details/problem.js';

/**
 * Strict request validation: a body must be a JSON object; unknown fields are refused, not
 * dropped; every invalid field is reported, with the first constraint it breaks.
 */
export class StrictValidationPipe extends ValidationPipe {
  private readonly emptyAccepted = new WeakMap<object, boolean>();
  private readonly validPaths = new WeakMap<object, LRUCache<string, object>>();

  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => validationProblem(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw validationProblem([{ field: '(body)', message: 'The body must be a JSON object' }]);
      }
      const problem = unacceptableShape(value);
      if (problem) throw validationProblem([{ field: '(body)', message: problem }]);
    }
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof value === 'object' && value !== null) {
      const inherited = inheritedNames(value);
      if (inherited.length > 0) {
        throw validationProblem(
          inherited.map((field) => ({
            field,
            message: `${field} is not a field of this request: it names a property every object inherits`,
          })),
        );
      }
    }
    if (metadata.type === 'query' && metadata.metatype && isEmpty(value) && (await this.acceptsEmpty(metadata))) {
      // the common read with no query parameters: nothing to check, and checking cost more than the read
      return new (metadata.metatype as new () => object)();
    }
    if (metadata.type === 'param' && metadata.metatype && this.toValidate(metadata))
      return this.validPath(value, metadata);
    return super.transform(value, metadata);
  }

  /**
   * Path parameters, validated once per distinct path: the register's hot read names the same
   * BINs over and over, and class-validator cost it more than the read itself. Only valid paths
   * are remembered; each request gets its own copy.
   */
  private async validPath(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype as object;
    let remembered = this.validPaths.get(type);
    if (remembered === undefined) {
      remembered = new LRUCache<string, object>({ max: 20_000 });
      this.validPaths.set(type, remembered);
    }
    const key = JSON.stringify(value);
    let valid = remembered.get(key);
    if (valid === undefined) {
      valid = (await super.transform(value, metadata)) as object;
      remembered.set(key, valid);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(valid) as object) as object, valid);
  }

  /** Whether a request type with no fields at all is valid (all its fields optional); found out once per type. */
  private async acceptsEmpty(metadata: ArgumentMetadata): Promise<boolean> {
    const type = metadata.metatype as object;
    let accepted = this.emptyAccepted.get(type);
    if (accepted === undefined) {
      accepted = await super.transform({}, metadata).then(
        () => true,
        () => false,
      );
      this.emptyAccepted.set(type, accepted);
    }
    return accepted;
  }
}

function isEmpty(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  for (const _ in value) return false;
  return true;
}

export const MAX_BODY_DEPTH = 8;

/**
 * What no request body may hold, whatever its fields: nesting deeper than any request needs
 * (it would only exhaust the stack downstream), or text that is not well-formed Unicode (a
 * lone surrogate cannot be canonicalised for hashing). Walked without recursion, so no body
 * can overflow the stack while being checked.
 */
function unacceptableShape(root: object): string | undefined {
  const pending: [value: unknown, depth: number][] = [[root, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value === 'string' && !value.isWellFormed()) return 'The body holds text that is not valid Unicode';
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_BODY_DEPTH) return `The body nests deeper than ${MAX_BODY_DEPTH} levels`;
    for (const [key, child] of Object.entries(value)) {
      if (!key.isWellFormed()) return 'The body holds a field name that is not valid Unicode';
      pending.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** Names every object inherits (`constructor`, `toString`, `__proto__`...) and `prototype`: never a field of ours. */
const INHERITED = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The fields, at any depth, named like an inherited property. Validation would take such a
 * field for a property of the request object and drop it silently; it is refused by name.
 */
function inheritedNames(root: object): string[] {
  const found: string[] = [];
  const pending: [value: unknown, path: string][] = [[root, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value !== 'object' || value === null) continue;
    for (const key of Object.keys(value)) {
      const field = path ? `${path}.${key}` : key;
      if (INHERITED.has(key)) found.push(field);
      else pending.push([(value as Record<string, unknown>)[key], field]);
    }
  }
  return found.sort();
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field: field || '(body)',
      message: error.constraints?.whitelistValidation === message ? `${field} is not a field of this request` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
