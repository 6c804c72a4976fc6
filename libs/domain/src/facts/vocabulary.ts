/** The closed vocabularies of PRODUCT.md sections 3 and 7, one source for domain and API. */
export const STANDARDS = ['ISO_37001', 'ST_RK_3049'] as const;
export type Standard = (typeof STANDARDS)[number];

export const AUDIT_OUTCOMES = ['passed', 'minor_nonconformities', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const SETTLEMENT_MEASURES = ['recusal', 'reassignment', 'divestment', 'dismissal', 'other'] as const;
export type SettlementMeasure = (typeof SETTLEMENT_MEASURES)[number];

export const OFFENCE_CATEGORIES = [
  'bribe_taking',
  'bribe_giving',
  'fraud',
  'embezzlement',
  'abuse_of_office',
  'other',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

export const SANCTIONS = [
  'reprimand',
  'severe_reprimand',
  'incomplete_compliance_warning',
  'dismissal',
  'other',
] as const;
export type Sanction = (typeof SANCTIONS)[number];

export const REGISTER_INDICES = ['taxpayer_integrity', 'financial_stability', 'payment_discipline'] as const;
export type RegisterIndex = (typeof REGISTER_INDICES)[number];
