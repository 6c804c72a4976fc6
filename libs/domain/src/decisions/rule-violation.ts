import { RULE_CATALOGUE, type RuleName, type ViolationKind } from './rule-catalogue.js';

/**
 * Why a command cannot be carried out. Returned by the decider, never thrown: a broken rule
 * is an expected outcome, not a failure. Its kind comes from the catalogue, so a rule is
 * always answered the same way.
 */
export class RuleViolation {
  readonly kind: ViolationKind;

  constructor(
    /** A stable, kebab-case name of the rule: clients may branch on it. */
    readonly rule: RuleName,
    /** What happened, with the values involved. */
    readonly message: string,
    /** The offending field, for a command that contradicts itself. */
    readonly field?: string,
    /** What else a client needs to act on it (the dependents of a fact, say). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    this.kind = RULE_CATALOGUE[rule].kind;
  }
}

export function violation(
  rule: RuleName,
  message: string,
  field?: string,
  details?: Readonly<Record<string, unknown>>,
): RuleViolation {
  return new RuleViolation(rule, message, field, details);
}
