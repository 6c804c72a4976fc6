import type { ComplianceEvent } from './events.js';

export type CertificateStatus = 'active' | 'suspended' | 'withdrawn';
export type OffenceStatus = 'open' | 'convicted' | 'closed';

export interface OffenceState {
  readonly employeeIin: string;
  readonly registeredOn: string;
  readonly status: OffenceStatus;
}

export interface CertificateState {
  readonly issuedOn: string;
  readonly expiresOn: string;
  readonly status: CertificateStatus;
  /** Business date of the certificate's latest event: its history only moves forward. */
  readonly lastEventOn: string;
}

/**
 * What the deciders need to know about an entity: only what the rules look at. Scores and
 * register views are projections of their own; they do not read this.
 */
export interface ComplianceRecord {
  readonly bin?: string;
  readonly registered: boolean;
  /** Heads in office, by IIN. */
  readonly heads: ReadonlyMap<string, { readonly appointedOn: string }>;
  readonly certificates: ReadonlyMap<string, CertificateState>;
  readonly declarations: ReadonlyMap<string, { readonly declaredOn: string; readonly settled: boolean }>;
  readonly gifts: ReadonlyMap<string, { readonly receivedOn: string; readonly handedOver: boolean }>;
  readonly offences: ReadonlyMap<string, OffenceState>;
  readonly sanctions: ReadonlySet<string>;
}

export const initialRecord: ComplianceRecord = {
  registered: false,
  heads: new Map(),
  certificates: new Map(),
  declarations: new Map(),
  gifts: new Map(),
  offences: new Map(),
  sanctions: new Set(),
};

/** Folds one event into the record, returning a new record (the old one is left untouched). */
export function evolve(record: ComplianceRecord, event: ComplianceEvent): ComplianceRecord {
  switch (event.type) {
    case 'EntityRegistered':
      return { ...record, registered: true, bin: event.data.bin };
    case 'HeadAppointed':
      return { ...record, heads: withEntry(record.heads, event.data.iin, { appointedOn: event.data.appointedOn }) };
    case 'HeadDismissed':
      return { ...record, heads: withoutEntry(record.heads, event.data.iin) };
    case 'CertificateIssued':
      return {
        ...record,
        certificates: withEntry(record.certificates, event.data.certificateId, {
          issuedOn: event.data.issuedOn,
          expiresOn: event.data.expiresOn,
          status: 'active',
          lastEventOn: event.data.issuedOn,
        }),
      };
    case 'SurveillanceAuditCompleted':
      return updateCertificate(record, event.data.certificateId, { lastEventOn: event.data.auditedOn });
    case 'CertificateSuspended':
      return updateCertificate(record, event.data.certificateId, {
        status: 'suspended',
        lastEventOn: event.data.suspendedOn,
      });
    case 'CertificateReinstated':
      return updateCertificate(record, event.data.certificateId, {
        status: 'active',
        lastEventOn: event.data.reinstatedOn,
      });
    case 'CertificateWithdrawn':
      return updateCertificate(record, event.data.certificateId, {
        status: 'withdrawn',
        lastEventOn: event.data.withdrawnOn,
      });
    case 'CertificateRenewed':
      return updateCertificate(record, event.data.certificateId, {
        expiresOn: event.data.expiresOn,
        lastEventOn: event.data.renewedOn,
      });
    case 'ConflictOfInterestDeclared':
      return {
        ...record,
        declarations: withEntry(record.declarations, event.data.declarationId, {
          declaredOn: event.data.declaredOn,
          settled: false,
        }),
      };
    case 'ConflictOfInterestSettled': {
      const declaration = record.declarations.get(event.data.declarationId);
      if (!declaration) return record;
      return {
        ...record,
        declarations: withEntry(record.declarations, event.data.declarationId, { ...declaration, settled: true }),
      };
    }
    case 'GiftReported':
      return {
        ...record,
        gifts: withEntry(record.gifts, event.data.giftId, { receivedOn: event.data.receivedOn, handedOver: false }),
      };
    case 'GiftHandedOver': {
      const gift = record.gifts.get(event.data.giftId);
      if (!gift) return record;
      return { ...record, gifts: withEntry(record.gifts, event.data.giftId, { ...gift, handedOver: true }) };
    }
    case 'CorruptionOffenceRegistered':
      return {
        ...record,
        offences: withEntry(record.offences, event.data.offenceId, {
          employeeIin: event.data.employeeIin,
          registeredOn: event.data.registeredOn,
          status: 'open',
        }),
      };
    case 'CorruptionOffenceConvicted':
      return updateOffence(record, event.data.offenceId, 'convicted');
    case 'CorruptionOffenceClosed':
      return updateOffence(record, event.data.offenceId, 'closed');
    case 'PersonalResponsibilitySanctionImposed':
      return { ...record, sanctions: new Set(record.sanctions).add(event.data.sanctionId) };
    case 'EntityDetailsChanged':
    case 'ComplianceServiceEstablished':
    case 'UndeclaredConflictDetected':
    case 'GiftBanViolationRecorded':
    case 'CorruptionRiskAnalysisCompleted':
    case 'AntiCorruptionTrainingCompleted':
    case 'RegisterIndexRecorded':
      return record; // facts that no later rule depends on
    default:
      return record; // a type from a newer build: nothing here depends on it
  }
}

/** The record after every event, in order. */
export function replay(events: Iterable<ComplianceEvent>, from: ComplianceRecord = initialRecord): ComplianceRecord {
  let record = from;
  for (const event of events) record = evolve(record, event);
  return record;
}

function updateCertificate(record: ComplianceRecord, id: string, change: Partial<CertificateState>): ComplianceRecord {
  const certificate = record.certificates.get(id);
  if (!certificate) return record;
  return { ...record, certificates: withEntry(record.certificates, id, { ...certificate, ...change }) };
}

function updateOffence(record: ComplianceRecord, id: string, status: OffenceStatus): ComplianceRecord {
  const offence = record.offences.get(id);
  if (!offence) return record;
  return { ...record, offences: withEntry(record.offences, id, { ...offence, status }) };
}

function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  return new Map(map).set(key, value);
}

function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
