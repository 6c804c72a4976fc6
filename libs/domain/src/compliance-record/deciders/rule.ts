import { compareBusinessDates } from '../../time/business-date.js';
import type { CommandOf, ComplianceCommandType } from '../commands.js';
import { conflict, type RuleViolation } from '../rule-violation.js';
import type { ComplianceRecord } from '../state.js';

/** A command's rules: the first one broken, or `undefined` when the fact may be recorded. */
export type Rules<Type extends ComplianceCommandType> = (
  data: CommandOf<Type>['data'],
  record: ComplianceRecord,
) => RuleViolation | undefined;

/** `later` (the command's date, named `field`) must not come before `earlier` (what it follows). */
export function notBefore(field: string, later: string, earlier: string, what: string): RuleViolation | undefined {
  return compareBusinessDates(later, earlier) < 0
    ? conflict('impossible-date-order', `${field} ${later} is before ${what} ${earlier}`)
    : undefined;
}

/** The first violation among checks run in order (later checks may rely on earlier ones). */
export function firstOf(...checks: (() => RuleViolation | undefined)[]): RuleViolation | undefined {
  for (const check of checks) {
    const violation = check();
    if (violation) return violation;
  }
  return undefined;
}
