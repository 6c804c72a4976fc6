import type { ComplianceEventType } from '../facts/events.js';
import type { Dated, DatedFact } from '../facts/identified-event.js';
import { dayAfter, instantOf, isCalendarDate } from '../time/business-date.js';
import { historyOf, stepsOf, type History } from './history.js';

export type CertificateStatus = 'active' | 'suspended' | 'withdrawn';

/** The events of a certificate's life, the issue first. */
export const CERTIFICATE_EVENT_TYPES = [
  'CertificateIssued',
  'SurveillanceAuditCompleted',
  'CertificateSuspended',
  'CertificateReinstated',
  'CertificateWithdrawn',
  'CertificateRenewed',
] as const satisfies readonly ComplianceEventType[];

export type CertificateEventType = (typeof CERTIFICATE_EVENT_TYPES)[number];

export type CertificateStep = DatedFact<CertificateEventType>;

export function isCertificateStep(fact: DatedFact): fact is CertificateStep {
  return (CERTIFICATE_EVENT_TYPES as readonly string[]).includes(fact.type);
}

/** A certificate of conformity as its events leave it at some instant. */
export interface CertificateState {
  readonly certificateId: string;
  /** What the certificate said when issued. */
  readonly issue: DatedFact<'CertificateIssued'>['data'];
  /** The current number: a renewal may give a new one. */
  readonly certificateNumber: string;
  /** The current expiry as recorded (the last day of validity), and the instant it is expired from. */
  readonly expiresOn: string;
  readonly expiresAt: number;
  readonly issued: Dated;
  /** The issue, or the renewal that set the current expiry. */
  readonly expirySource: Dated;
  /** The latest audit: the issue, a surveillance audit or a renewal. */
  readonly lastAudit: Dated;
  /** The suspension in force, if any. */
  readonly suspension?: Dated;
  readonly withdrawal?: Dated;
  readonly status: CertificateStatus;
  /** Business date of the latest step, as recorded: a certificate's history only moves forward. */
  readonly lastEventOn: string;
}

/**
 * A certificate's life: every step recorded, in order (the issue first), and the state they
 * lead to. The one place where a certificate's events are folded: the decider, the profile,
 * scoring and the register view all read it.
 */
export interface CertificateLife {
  /** Every step, the issue first. */
  readonly steps: History<CertificateStep>;
  readonly current: CertificateState;
}

export function issuedCertificate(step: DatedFact<'CertificateIssued'>): CertificateState {
  const dated = { eventId: step.eventId, at: step.at };
  return {
    certificateId: step.data.certificateId,
    issue: step.data,
    certificateNumber: step.data.certificateNumber,
    expiresOn: step.data.expiresOn,
    expiresAt: instantOfExpiry(step.data.expiresOn),
    issued: dated,
    expirySource: dated,
    lastAudit: dated,
    status: 'active',
    lastEventOn: step.data.issuedOn,
  };
}

/** The certificate after one more step of its life. */
export function evolveCertificate(state: CertificateState, step: CertificateStep): CertificateState {
  const dated = { eventId: step.eventId, at: step.at };
  switch (step.type) {
    case 'CertificateIssued':
      return issuedCertificate(step);
    case 'SurveillanceAuditCompleted':
      return { ...state, lastAudit: dated, lastEventOn: step.data.auditedOn };
    case 'CertificateSuspended':
      return { ...state, suspension: dated, status: 'suspended', lastEventOn: step.data.suspendedOn };
    case 'CertificateReinstated':
      return { ...state, suspension: undefined, status: 'active', lastEventOn: step.data.reinstatedOn };
    case 'CertificateWithdrawn':
      return { ...state, withdrawal: dated, status: 'withdrawn', lastEventOn: step.data.withdrawnOn };
    case 'CertificateRenewed':
      return {
        ...state,
        certificateNumber: step.data.certificateNumber ?? state.certificateNumber,
        expiresOn: step.data.expiresOn,
        expiresAt: instantOfExpiry(step.data.expiresOn),
        expirySource: dated,
        lastAudit: dated,
        lastEventOn: step.data.renewedOn,
      };
  }
}

/**
 * A new life from an issue (an issue under a known id starts the certificate afresh), the life
 * after one more step, or `undefined` for a step of a certificate never issued.
 */
export function certificateLife(life: CertificateLife | undefined, step: CertificateStep): CertificateLife | undefined {
  if (step.type === 'CertificateIssued') return { steps: historyOf(step), current: issuedCertificate(step) };
  if (life === undefined) return undefined;
  return { steps: historyOf(step, life.steps), current: evolveCertificate(life.current, step) };
}

/** The certificate as it stood at a business instant: only the steps that had happened by then. */
export function certificateAt(life: CertificateLife, asOf: number): CertificateState | undefined {
  if (life.steps.latestAt <= asOf) return life.current;
  const [issue, ...later] = stepsOf(life.steps);
  if (issue.at > asOf || issue.type !== 'CertificateIssued') return undefined;
  let state = issuedCertificate(issue);
  for (const step of later) if (step.at <= asOf) state = evolveCertificate(state, step);
  return state;
}

/** Whether the certificate counts as valid at `asOf`: issued, not expired, suspended or withdrawn. */
export function isValidCertificate(state: CertificateState, asOf: number): boolean {
  return !state.withdrawal && !state.suspension && state.expiresAt > asOf;
}

/**
 * The instant a certificate stops being valid: a certificate of conformity is valid through its
 * expiry day, so one that expires on a calendar date is expired from the start of the next day
 * in Kazakhstan; one that expires at a timestamp, from that instant.
 */
export function instantOfExpiry(expiresOn: string): number {
  return isCalendarDate(expiresOn) ? dayAfter(instantOf(expiresOn)) : instantOf(expiresOn);
}
