import { compareBusinessDates } from '../../time/business-date.js';
import { conflict, invalid, notFound, type RuleViolation } from '../rule-violation.js';
import type { CertificateState, ComplianceRecord } from '../state.js';
import { firstOf, notBefore, type Rules } from './rule.js';

export const issueCertificate: Rules<'IssueCertificate'> = (data, record) => {
  if (record.certificates.has(data.certificateId)) {
    return conflict('certificate-already-issued', `Certificate ${data.certificateId} is already recorded`);
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
          ? conflict('certificate-already-suspended', `Certificate ${data.certificateId} is already suspended`)
          : undefined,
      () => afterHistory('suspendedOn', data.suspendedOn, certificate),
    ),
  );

export const reinstateCertificate: Rules<'ReinstateCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    certificate.status !== 'suspended'
      ? conflict('certificate-not-suspended', `Certificate ${data.certificateId} is not suspended`)
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
          ? conflict('renewal-does-not-extend', `A renewal must extend the validity beyond ${certificate.expiresOn}`)
          : undefined,
    ),
  );

/** The certificate must be recorded and not withdrawn: a withdrawn certificate is closed for good. */
function withCertificate(
  record: ComplianceRecord,
  certificateId: string,
  rules: (certificate: CertificateState) => RuleViolation | undefined,
): RuleViolation | undefined {
  const certificate = record.certificates.get(certificateId);
  if (!certificate) return notFound('certificate-not-found', `No certificate ${certificateId} is recorded`);
  if (certificate.status === 'withdrawn') {
    return conflict('certificate-withdrawn', `Certificate ${certificateId} was withdrawn`);
  }
  return rules(certificate);
}

/** A certificate's history moves forward: nothing is dated before its latest recorded event. */
function afterHistory(field: string, date: string, certificate: CertificateState): RuleViolation | undefined {
  return notBefore(field, date, certificate.lastEventOn, "the certificate's latest event on");
}

function expiryAfter(expiresOn: string, start: string, what: string, rule: string): RuleViolation | undefined {
  return compareBusinessDates(expiresOn, start) <= 0
    ? invalid(rule, 'expiresOn', `expiresOn ${expiresOn} must be after ${what} ${start}`)
    : undefined;
}
