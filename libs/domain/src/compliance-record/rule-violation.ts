/**
 * Why a command cannot be carried out. Returned by the decider, never thrown: a broken
 * rule is an expected outcome, not a failure.
 *
 * - `not_found`: the command names an entity or a part of it (certificate, declaration, gift,
 *   offence, head) that was never recorded;
 * - `conflict`: what is recorded makes the command impossible (a withdrawn certificate, a
 *   settled declaration, a date before the fact it follows);
 * - `invalid`: the command contradicts itself (an expiry before the issue date), `field`
 *   names the offending field.
 */
export type ViolationKind = 'not_found' | 'conflict' | 'invalid';

export class RuleViolation {
  constructor(
    /** A stable, kebab-case name of the rule: clients may branch on it. */
    readonly rule: string,
    readonly kind: ViolationKind,
    readonly message: string,
    readonly field?: string,
  ) {}
}

export const notFound = (rule: string, message: string): RuleViolation => new RuleViolation(rule, 'not_found', message);
export const conflict = (rule: string, message: string): RuleViolation => new RuleViolation(rule, 'conflict', message);
export const invalid = (rule: string, field: string, message: string): RuleViolation =>
  new RuleViolation(rule, 'invalid', message, field);
