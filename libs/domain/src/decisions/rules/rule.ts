import { compareBusinessDates } from '../../time/business-date.js';
import type { EntityRecord } from '../../record/entity-record.js';
import type { CommandOf, ComplianceCommandType } from '../commands.js';
import { violation, type RuleViolation } from '../rule-violation.js';

/** A command's rules: the first one broken, or `undefined` when the fact may be recorded. */
export type Rules<Type extends ComplianceCommandType> = (
  data: CommandOf<Type>['data'],
  record: EntityRecord,
) => RuleViolation | undefined;

/** `later` (the command's date, named `field`) must not come before `earlier` (what it follows). */
export function notBefore(field: string, later: string, earlier: string, what: string): RuleViolation | undefined {
  return compareBusinessDates(later, earlier) < 0
    ? violation('impossible-date-order', `${field} ${later} is before ${what} ${earlier}`)
    : undefined;
}

/** The first violation among checks run in order (later checks may rely on earlier ones). */
export function firstOf(...checks: (() => RuleViolation | undefined)[]): RuleViolation | undefined {
  for (const check of checks) {
    const broken = check();
    if (broken) return broken;
  }
  return undefined;
}
