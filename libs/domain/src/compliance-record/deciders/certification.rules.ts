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
  withCertificate(record, data.certificateId, (certificate) =>
    notBefore('auditedOn', data.auditedOn, certificate.issuedOn, 'the issue on'),
  );

export const suspendCertificate: Rules<'SuspendCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    firstOf(
      () =>
        certificate.status === 'suspended'
          ? conflict('certificate-already-suspended', `Certificate ${data.certificateId} is already suspended`)
          : undefined,
      () => notBefore('suspendedOn', data.suspendedOn, certificate.issuedOn, 'the issue on'),
    ),
  );

export const reinstateCertificate: Rules<'ReinstateCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    certificate.status !== 'suspended' || certificate.suspendedOn === undefined
      ? conflict('certificate-not-suspended', `Certificate ${data.certificateId} is not suspended`)
      : notBefore('reinstatedOn', data.reinstatedOn, certificate.suspendedOn, 'the suspension on'),
  );

export const withdrawCertificate: Rules<'WithdrawCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    notBefore('withdrawnOn', data.withdrawnOn, certificate.issuedOn, 'the issue on'),
  );

export const renewCertificate: Rules<'RenewCertificate'> = (data, record) =>
  withCertificate(record, data.certificateId, (certificate) =>
    firstOf(
      () => notBefore('renewedOn', data.renewedOn, certificate.issuedOn, 'the issue on'),
      () => expiryAfter(data.expiresOn, data.renewedOn, 'the renewal date', 'expiry-not-after-renewal'),
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

function expiryAfter(expiresOn: string, start: string, what: string, rule: string): RuleViolation | undefined {
  return compareBusinessDates(expiresOn, start) <= 0
    ? invalid(rule, 'expiresOn', `expiresOn ${expiresOn} must be after ${what} ${start}`)
    : undefined;
}
