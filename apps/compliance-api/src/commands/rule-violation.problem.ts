import { RULE_CATALOGUE, type RuleViolation } from '#domain';
import { ProblemError } from '../http/problem-details/problem.js';

export const RULE_STATUS = { not_found: 404, conflict: 409, invalid: 400 } as const;

/** A broken domain rule as the client sees it: its kind gives the status, its name the type, the catalogue the title. */
export function ruleViolationProblem(violation: RuleViolation): ProblemError {
  return new ProblemError(
    RULE_STATUS[violation.kind],
    violation.rule,
    RULE_CATALOGUE[violation.rule].title,
    violation.message,
    {
      rule: violation.rule,
      ...(violation.field === undefined ? {} : { errors: [{ field: violation.field, message: violation.message }] }),
    },
  );
}
