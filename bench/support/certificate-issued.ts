import { randomUUID } from 'node:crypto';

/**
 * The event every store benchmark appends, ours and the peer's alike: a certificate issued to
 * an entity, with the envelope metadata. No imports but Node's, so the peer's script (a package
 * of its own, in plain JavaScript) loads the compiled file as it is.
 */
export function certificateIssued(n: number) {
  return {
    type: 'CertificateIssued',
    data: {
      certificateId: `cert-${n}`,
      certificateNumber: `KZ.7500403.22.03.${n}`,
      standard: 'ISO_37001',
      edition: '2016',
      certificationBody: 'Certification body of the Kazakhstan Institute of Standardization',
      issuedOn: '2025-03-01',
      expiresOn: '2028-02-29',
    },
    metadata: {
      recordedAt: new Date().toISOString(),
      recordedBy: { keyId: 'officer-key-1', role: 'officer' },
      correlationId: randomUUID(),
      schemaVersion: 1,
    },
  };
}
