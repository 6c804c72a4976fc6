import type { RuleViolation } from '#domain';
import { ProblemError } from '../http/problem-details/problem.js';

const STATUS = { not_found: 404, conflict: 409, invalid: 400 } as const;

/** A broken domain rule as the client sees it: its kind gives the status, its name the type. */
export function ruleViolationProblem(violation: RuleViolation): ProblemError {
  const title = violation.rule.charAt(0).toUpperCase() + violation.rule.slice(1).replaceAll('-', ' ');
  return new ProblemError(STATUS[violation.kind], violation.rule, title, violation.message, {
    rule: violation.rule,
    ...(violation.field === undefined ? {} : { errors: [{ field: violation.field, message: violation.message }] }),
  });
}
