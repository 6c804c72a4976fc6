import { RULE_CATALOGUE } from '#domain';
import { catalogued, type ProblemName } from './problem-catalogue.js';

/** An RFC 9457 problem document. */
export interface ProblemDocument {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Validation problems: one entry per offending field. */
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export interface FieldError {
  /** Dotted path of the field in the request (`expiresOn`, `bin`, `If-Match`). */
  readonly field: string;
  readonly message: string;
}

/** Problem type URIs: stable names a client may branch on. */
export function problemType(name: ProblemName): string {
  return `urn:compliance-engine:problem:${name}`;
}

/**
 * An error that is already a problem for the client: thrown anywhere in a request, it is
 * answered as `application/problem+json` by the problem details filter. Its status and title
 * come from the catalogue of its name.
 */
export class ProblemError extends Error {
  readonly problem: ProblemDocument;

  constructor(
    name: ProblemName,
    detail?: string,
    extensions: Omit<Partial<ProblemDocument>, 'type' | 'title' | 'status' | 'detail'> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    const { status, title } = catalogued(name);
    super(detail ?? title);
    this.name = 'ProblemError';
    this.problem = {
      type: problemType(name),
      title,
      status,
      ...(detail === undefined ? {} : { detail }),
      // a rule of the record is named as such wherever it is answered, a write's or a read's
      ...(Object.hasOwn(RULE_CATALOGUE, name) ? { rule: name } : {}),
      ...extensions,
    };
  }
}

export function validationProblem(errors: readonly FieldError[]): ProblemError {
  const fields = [...new Set(errors.map((e) => e.field))].join(', ');
  return new ProblemError('validation-failed', `Invalid: ${fields}`, { errors });
}
