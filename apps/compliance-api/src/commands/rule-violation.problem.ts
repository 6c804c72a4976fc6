import type { RuleViolation } from '#domain';
import { ProblemError } from '../http/problem-details/problem.js';

/** A broken domain rule as the client sees it: the catalogue gives the status (by its kind) and the title. */
export function ruleViolationProblem(violation: RuleViolation): ProblemError {
  return new ProblemError(violation.rule, violation.message, {
    ...violation.details,
    ...(violation.field === undefined ? {} : { errors: [{ field: violation.field, message: violation.message }] }),
  });
}
