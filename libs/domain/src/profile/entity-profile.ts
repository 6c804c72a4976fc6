import type { ComplianceEvent, EventOf } from '../compliance-record/events.js';

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

/** The profile after every event of an entity's stream, in order; `undefined` before registration. */
export function entityProfile(events: readonly ComplianceEvent[]): EntityProfile | undefined {
  const registration = events.find((e): e is EventOf<'EntityRegistered'> => e.type === 'EntityRegistered');
  if (!registration) return undefined;
  let details = { ...registration.data };
  let complianceService: EntityProfile['complianceService'] = null;
  const heads = new Map<string, Data<'HeadAppointed'>>();
  const certificates = new Map<string, EntityProfile['certificates'][number]>();
  const declarations = new Map<string, EntityProfile['conflictsOfInterest'][number]>();
  const gifts = new Map<string, EntityProfile['gifts'][number]>();
  const offences = new Map<string, EntityProfile['corruptionOffences'][number]>();
  const lists = {
    undeclaredConflicts: [] as Data<'UndeclaredConflictDetected'>[],
    giftBanViolations: [] as Data<'GiftBanViolationRecorded'>[],
    sanctions: [] as Data<'PersonalResponsibilitySanctionImposed'>[],
    riskAnalyses: [] as Data<'CorruptionRiskAnalysisCompleted'>[],
    trainings: [] as Data<'AntiCorruptionTrainingCompleted'>[],
    registerIndices: [] as Data<'RegisterIndexRecorded'>[],
  };
  const certificateEvent = (id: string, type: string, data: object, status?: 'active' | 'suspended' | 'withdrawn') => {
    const certificate = certificates.get(id);
    if (certificate) {
      certificates.set(id, {
        ...certificate,
        status: status ?? certificate.status,
        history: [...certificate.history, { type, data }],
      });
    }
  };

  for (const event of events) {
    switch (event.type) {
      case 'EntityDetailsChanged': {
        const { changedOn: _changedOn, ...changes } = event.data;
        details = { ...details, ...changes };
        break;
      }
      case 'ComplianceServiceEstablished':
        complianceService = event.data;
        break;
      case 'HeadAppointed':
        heads.set(event.data.iin, event.data);
        break;
      case 'HeadDismissed':
        heads.delete(event.data.iin);
        break;
      case 'CertificateIssued':
        certificates.set(event.data.certificateId, { ...event.data, status: 'active', history: [] });
        break;
      case 'SurveillanceAuditCompleted':
        certificateEvent(event.data.certificateId, event.type, event.data);
        break;
      case 'CertificateSuspended':
        certificateEvent(event.data.certificateId, event.type, event.data, 'suspended');
        break;
      case 'CertificateReinstated':
        certificateEvent(event.data.certificateId, event.type, event.data, 'active');
        break;
      case 'CertificateWithdrawn':
        certificateEvent(event.data.certificateId, event.type, event.data, 'withdrawn');
        break;
      case 'CertificateRenewed': {
        certificateEvent(event.data.certificateId, event.type, event.data);
        const renewed = certificates.get(event.data.certificateId);
        if (renewed) {
          certificates.set(event.data.certificateId, {
            ...renewed,
            expiresOn: event.data.expiresOn,
            certificateNumber: event.data.certificateNumber ?? renewed.certificateNumber,
          });
        }
        break;
      }
      case 'ConflictOfInterestDeclared':
        declarations.set(event.data.declarationId, { ...event.data, settlement: null });
        break;
      case 'ConflictOfInterestSettled': {
        const declaration = declarations.get(event.data.declarationId);
        if (declaration) declarations.set(event.data.declarationId, { ...declaration, settlement: event.data });
        break;
      }
      case 'GiftReported':
        gifts.set(event.data.giftId, { ...event.data, handOver: null });
        break;
      case 'GiftHandedOver': {
        const gift = gifts.get(event.data.giftId);
        if (gift) gifts.set(event.data.giftId, { ...gift, handOver: event.data });
        break;
      }
      case 'CorruptionOffenceRegistered':
        offences.set(event.data.offenceId, { ...event.data, status: 'open', outcome: null });
        break;
      case 'CorruptionOffenceConvicted':
      case 'CorruptionOffenceClosed': {
        const offence = offences.get(event.data.offenceId);
        const status = event.type === 'CorruptionOffenceConvicted' ? 'convicted' : 'closed';
        if (offence) offences.set(event.data.offenceId, { ...offence, status, outcome: event.data });
        break;
      }
      case 'UndeclaredConflictDetected':
        lists.undeclaredConflicts.push(event.data);
        break;
      case 'GiftBanViolationRecorded':
        lists.giftBanViolations.push(event.data);
        break;
      case 'PersonalResponsibilitySanctionImposed':
        lists.sanctions.push(event.data);
        break;
      case 'CorruptionRiskAnalysisCompleted':
        lists.riskAnalyses.push(event.data);
        break;
      case 'AntiCorruptionTrainingCompleted':
        lists.trainings.push(event.data);
        break;
      case 'RegisterIndexRecorded':
        lists.registerIndices.push(event.data);
        break;
      default:
        break;
    }
  }
  return {
    bin: details.bin,
    name: details.name,
    legalForm: details.legalForm ?? null,
    stateSharePercent: details.stateSharePercent,
    parentBin: details.parentBin ?? null,
    sector: details.sector ?? null,
    region: details.region ?? null,
    registeredOn: details.registeredOn ?? null,
    revision: events.length - 1,
    complianceService,
    headsInOffice: [...heads.values()],
    certificates: [...certificates.values()],
    conflictsOfInterest: [...declarations.values()],
    gifts: [...gifts.values()],
    corruptionOffences: [...offences.values()],
    ...lists,
  };
}
