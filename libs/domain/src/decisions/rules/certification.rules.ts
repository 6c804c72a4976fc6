import type { CertificateState } from '../../record/certificate.js';
import type { EntityRecord } from '../../record/entity-record.js';
import { compareBusinessDates } from '../../time/business-date.js';
import { violation, type RuleViolation } from '../rule-violation.js';
import { firstOf, notBefore, type Rules } from './rule.js';

export const issueCertificate: Rules<'IssueCertificate'> = (data, record) => {
  if (record.certificates.has(data.certificateId)) {
    return violation('certificate-already-issued', `Certificate ${data.certificateId} is already recorded`);
  }
  return expiryAfter(data.expiresOn, data.issuedOn, 'the issue date', 'expiry-not-after-issue');
};

export const completeSurveillanceAudit: Rules<'CompleteSurveillanceAudit'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) => afterHistory('auditedOn', data.auditedOn, certificate));

export const suspendCertificate: Rules<'SuspendCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    firstOf(
      () =>
        certificate.status === 'suspended'
          ? violation('certificate-already-suspended', `Certificate ${data.certificateId} is already suspended`)
          : undefined,
      () => afterHistory('suspendedOn', data.suspendedOn, certificate),
    ),
  );

export const reinstateCertificate: Rules<'ReinstateCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    certificate.status !== 'suspended'
      ? violation('certificate-not-suspended', `Certificate ${data.certificateId} is not suspended`)
      : afterHistory('reinstatedOn', data.reinstatedOn, certificate),
  );

export const withdrawCertificate: Rules<'WithdrawCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    afterHistory('withdrawnOn', data.withdrawnOn, certificate),
  );

export const renewCertificate: Rules<'RenewCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    firstOf(
      () => afterHistory('renewedOn', data.renewedOn, certificate),
      () => expiryAfter(data.expiresOn, data.renewedOn, 'the renewal date', 'expiry-not-after-renewal'),
      () =>
        compareBusinessDates(data.expiresOn, certificate.expiresOn) <= 0
          ? violation('renewal-does-not-extend', `A renewal must extend the validity beyond ${certificate.expiresOn}`)
          : undefined,
    ),
  );

/** The certificate must be recorded and not withdrawn: a withdrawn certificate is closed for good. */
function withCertificate(
  record: EntityRecord,
  certificateId: string,
  rules: (certificate: CertificateState) => RuleViolation | undefined,
): RuleViolation | undefined {
  const certificate = record.certificates.get(certificateId)?.current;
  if (!certificate) return violation('certificate-not-found', `No certificate ${certificateId} is recorded`);
  if (certificate.status === 'withdrawn') {
    return violation('certificate-withdrawn', `Certificate ${certificateId} was withdrawn`);
  }
  return rules(certificate);
}

/** A certificate's history moves forward: nothing is dated before its latest recorded event. */
function afterHistory(field: string, date: string, certificate: CertificateState): RuleViolation | undefined {
  return notBefore(field, date, certificate.lastEventOn, "the certificate's latest event on");
}

function expiryAfter(
  expiresOn: string,
  start: string,
  what: string,
  rule: 'expiry-not-after-issue' | 'expiry-not-after-renewal',
): RuleViolation | undefined {
  return compareBusinessDates(expiresOn, start) <= 0
    ? violation(rule, `expiresOn ${expiresOn} must be after ${what} ${start}`, 'expiresOn')
    : undefined;
}
