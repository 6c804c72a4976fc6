import { isBusinessDate } from '../time/business-date.js';
import { BUSINESS_DATE_FIELD, type ComplianceEventType } from './events.js';

/** Dates other than the business date that folding a fact reads. */
const OTHER_DATES: Partial<Record<ComplianceEventType, readonly string[]>> = {
  CertificateIssued: ['expiresOn'],
  CertificateRenewed: ['expiresOn'],
};

/**
 * Why a stored fact cannot be folded into a record (its data is not an object, or a date the
 * fold reads is not a date), or `undefined` when it can. The decider never lets such a fact
 * in; the read side asks before folding what a store hands it, so a damaged event is reported
 * rather than stopping the fold. A type from a newer build is readable: it is folded as nothing.
 * A correction's data is read as the fact it corrects: ask again with that fact's type.
 */
export function unreadableFact(event: { readonly type: string; readonly data: unknown }): string | undefined {
  if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
    return 'its data is not an object';
  }
  if (!Object.hasOwn(BUSINESS_DATE_FIELD, event.type)) return undefined;
  const type = event.type as ComplianceEventType;
  const data = event.data as Record<string, unknown>;
  const businessDate = BUSINESS_DATE_FIELD[type];
  const optionalDate = type === 'EntityRegistered' || type === 'FactRetracted';
  const required = businessDate === null || optionalDate ? [] : [businessDate];
  const optional = businessDate !== null && optionalDate ? [businessDate] : [];
  for (const field of [...required, ...(OTHER_DATES[type] ?? [])]) {
    if (!isBusinessDate(data[field])) return `its ${field} is not a date`;
  }
  for (const field of optional) {
    if (data[field] !== undefined && !isBusinessDate(data[field])) return `its ${field} is not a date`;
  }
  return undefined;
}
