import type { ApiSchema } from '#api-contract';

type Profile = ApiSchema<'EntityProfile'>;

export type Deadline =
  | { readonly kind: 'declarationDue' | 'declarationOverdue'; readonly id: string; readonly date: number }
  | { readonly kind: 'surveillanceDue' | 'surveillanceOverdue'; readonly id: string; readonly date: number }
  | { readonly kind: 'certificateExpires'; readonly id: string; readonly date: number };

const DAY = 24 * 60 * 60 * 1000;
/** A declaration is to be settled within 30 days (METHODOLOGY.md). */
const SETTLEMENT_DAYS = 30;
/** Surveillance audits are annual; one is shown as due two months ahead. */
const AUDIT_MONTHS = 12;
const AUDIT_NOTICE_DAYS = 60;
/** A certificate expiring this soon is shown, to be renewed in time. */
const EXPIRY_NOTICE_DAYS = 90;
const AUDITED = new Set(['SurveillanceAuditCompleted', 'CertificateRenewed']);

/** A business date as an instant: a calendar date is the start of that day in Kazakhstan. */
export function instantOf(date: string): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00+05:00` : date);
}

function plusMonths(instant: number, months: number): number {
  const date = new Date(instant);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.getTime();
}

/**
 * The deadlines that matter at `now`, soonest first: declarations unsettled (due within 30 days
 * of being declared, or past it), surveillance audits due within two months or overdue, and
 * certificates expiring within 90 days.
 */
export function deadlinesOf(profile: Profile, now: number): Deadline[] {
  const deadlines: Deadline[] = [];
  for (const declaration of profile.conflictsOfInterest) {
    if (declaration.settlement !== null) continue;
    const due = instantOf(declaration.declaredOn) + SETTLEMENT_DAYS * DAY;
    deadlines.push({
      kind: due < now ? 'declarationOverdue' : 'declarationDue',
      id: declaration.declarationId,
      date: due,
    });
  }
  for (const certificate of profile.certificates) {
    if (certificate.status !== 'active') continue;
    const expiry = instantOf(certificate.expiresOn) + DAY; // valid through its expiry day
    if (expiry <= now) continue;
    if (expiry - now <= EXPIRY_NOTICE_DAYS * DAY) {
      deadlines.push({
        kind: 'certificateExpires',
        id: certificate.certificateId,
        date: instantOf(certificate.expiresOn),
      });
    }
    const audits = certificate.history
      .filter((step) => AUDITED.has(step.type))
      .map((step) =>
        instantOf(
          String((step.data as Record<string, unknown>).auditedOn ?? (step.data as Record<string, unknown>).renewedOn),
        ),
      );
    const lastAudit = Math.max(instantOf(certificate.issuedOn), ...audits);
    const due = plusMonths(lastAudit, AUDIT_MONTHS);
    if (due < now) deadlines.push({ kind: 'surveillanceOverdue', id: certificate.certificateId, date: due });
    else if (due - now <= AUDIT_NOTICE_DAYS * DAY)
      deadlines.push({ kind: 'surveillanceDue', id: certificate.certificateId, date: due });
  }
  return deadlines.sort((a, b) => a.date - b.date);
}
