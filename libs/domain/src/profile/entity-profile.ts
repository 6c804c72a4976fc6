import type { ComplianceEvent, EventOf } from '../facts/events.js';
import { stepsOf } from '../record/history.js';
import type { EntityRecord } from '../record/entity-record.js';
import { offenceStatus } from '../record/offence.js';

type Data<T extends ComplianceEvent['type']> = EventOf<T>['data'];

/**
 * Everything recorded about an entity, for its officers and auditors: personal data
 * included (IINs, names), so it is never part of the register view.
 */
export interface EntityProfile {
  readonly bin: string;
  readonly name: string;
  readonly legalForm: string | null;
  readonly stateSharePercent: number;
  readonly parentBin: string | null;
  readonly sector: string | null;
  readonly region: string | null;
  readonly registeredOn: string | null;
  readonly revision: number;
  readonly complianceService: Data<'ComplianceServiceEstablished'> | null;
  readonly headsInOffice: readonly Data<'HeadAppointed'>[];
  readonly certificates: readonly (Data<'CertificateIssued'> & {
    readonly status: 'active' | 'suspended' | 'withdrawn';
    readonly history: readonly { readonly type: string; readonly data: object }[];
  })[];
  readonly conflictsOfInterest: readonly (Data<'ConflictOfInterestDeclared'> & {
    readonly settlement: Data<'ConflictOfInterestSettled'> | null;
  })[];
  readonly undeclaredConflicts: readonly Data<'UndeclaredConflictDetected'>[];
  readonly gifts: readonly (Data<'GiftReported'> & { readonly handOver: Data<'GiftHandedOver'> | null })[];
  readonly giftBanViolations: readonly Data<'GiftBanViolationRecorded'>[];
  readonly corruptionOffences: readonly (Data<'CorruptionOffenceRegistered'> & {
    readonly status: 'open' | 'convicted' | 'closed';
    readonly outcome: Data<'CorruptionOffenceConvicted'> | Data<'CorruptionOffenceClosed'> | null;
  })[];
  readonly sanctions: readonly Data<'PersonalResponsibilitySanctionImposed'>[];
  readonly riskAnalyses: readonly Data<'CorruptionRiskAnalysisCompleted'>[];
  readonly trainings: readonly Data<'AntiCorruptionTrainingCompleted'>[];
  readonly registerIndices: readonly Data<'RegisterIndexRecorded'>[];
}

/** Everything the record holds, for officers and auditors; `undefined` before registration. */
export function entityProfile(record: EntityRecord): EntityProfile | undefined {
  if (!record.registered || record.details === undefined) return undefined;
  const details = record.details.current;
  const dataOf = <Data>(facts: Iterable<{ readonly data: Data }>): Data[] => [...facts].map((fact) => fact.data);
  const complianceService = record.complianceService.at(-1);
  return {
    bin: details.bin,
    name: details.name,
    legalForm: details.legalForm ?? null,
    stateSharePercent: details.stateSharePercent,
    parentBin: details.parentBin ?? null,
    sector: details.sector ?? null,
    region: details.region ?? null,
    registeredOn: details.registeredOn ?? null,
    revision: record.folded - 1,
    complianceService: complianceService?.data ?? null,
    headsInOffice: record.headTerms.filter((term) => term.dismissed === undefined).map((term) => term.appointed.data),
    certificates: [...record.certificates.values()].map((life) => ({
      ...life.current.issue,
      certificateNumber: life.current.certificateNumber,
      expiresOn: life.current.expiresOn,
      status: life.current.status,
      history: stepsOf(life.steps)
        .slice(1)
        .map(({ type, data }) => ({ type, data })),
    })),
    conflictsOfInterest: [...record.declarations.values()].map((life) => ({
      ...life.declared.data,
      settlement: life.settlement?.data ?? null,
    })),
    undeclaredConflicts: dataOf(record.undeclaredConflicts),
    gifts: [...record.gifts.values()].map((life) => ({ ...life.reported.data, handOver: life.handOver?.data ?? null })),
    giftBanViolations: dataOf(record.giftBanViolations),
    corruptionOffences: [...record.offences.values()].map((life) => ({
      ...life.registered.data,
      status: offenceStatus(life),
      outcome: life.outcome?.data ?? null,
    })),
    sanctions: dataOf(record.sanctions.values()),
    riskAnalyses: dataOf(record.riskAnalyses),
    trainings: dataOf(record.trainings),
    registerIndices: dataOf(record.registerIndices),
  };
}
