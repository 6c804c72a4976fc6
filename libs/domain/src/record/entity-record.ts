import { businessInstantOf, type DatedFact, type IdentifiedEvent } from '../facts/identified-event.js';
import { certificateLife, isCertificateStep, type CertificateLife } from './certificate.js';
import { declarationLife, type DeclarationLife } from './declaration.js';
import { detailsLife, type DetailsLife } from './entity-details.js';
import { giftLife, type GiftLife } from './gift.js';
import { offenceLife, type OffenceLife } from './offence.js';

/**
 * Everything recorded about an entity, folded once: each concept (its details, a certificate,
 * a declaration, a gift, an offence) by its own fold, every fact dated and with the event that
 * recorded it. The decider, the profile, scoring and the register view all read this record;
 * none folds events itself.
 */
export interface EntityRecord {
  readonly bin?: string;
  readonly registered: boolean;
  readonly details?: DetailsLife;
  readonly complianceService: readonly DatedFact<'ComplianceServiceEstablished'>[];
  /** Heads in office, by IIN. */
  readonly heads: ReadonlyMap<string, DatedFact<'HeadAppointed'>>;
  readonly certificates: ReadonlyMap<string, CertificateLife>;
  readonly declarations: ReadonlyMap<string, DeclarationLife>;
  readonly gifts: ReadonlyMap<string, GiftLife>;
  readonly offences: ReadonlyMap<string, OffenceLife>;
  readonly sanctions: ReadonlyMap<string, DatedFact<'PersonalResponsibilitySanctionImposed'>>;
  readonly undeclaredConflicts: readonly DatedFact<'UndeclaredConflictDetected'>[];
  readonly giftBanViolations: readonly DatedFact<'GiftBanViolationRecorded'>[];
  readonly riskAnalyses: readonly DatedFact<'CorruptionRiskAnalysisCompleted'>[];
  readonly trainings: readonly DatedFact<'AntiCorruptionTrainingCompleted'>[];
  readonly registerIndices: readonly DatedFact<'RegisterIndexRecorded'>[];
  /** How many events were folded into it. */
  readonly folded: number;
}

export const emptyRecord: EntityRecord = {
  registered: false,
  complianceService: [],
  heads: new Map(),
  certificates: new Map(),
  declarations: new Map(),
  gifts: new Map(),
  offences: new Map(),
  sanctions: new Map(),
  undeclaredConflicts: [],
  giftBanViolations: [],
  riskAnalyses: [],
  trainings: [],
  registerIndices: [],
  folded: 0,
};

/** The record after one more event (the given record is left untouched). */
export function evolve(record: EntityRecord, event: IdentifiedEvent): EntityRecord {
  return replay([event], record);
}

/**
 * The record after every event, in order. Linear in the events: each collection the events
 * touch is copied once, not once per event, and the given record is left untouched.
 */
export function replay(events: Iterable<IdentifiedEvent>, from: EntityRecord = emptyRecord): EntityRecord {
  const draft = new RecordDraft(from);
  for (const event of events) draft.apply(event);
  return draft.record;
}

type Collections = {
  [
    K in keyof EntityRecord as EntityRecord[K] extends ReadonlyMap<string, unknown> | readonly unknown[] ? K : never
  ]: EntityRecord[K];
};
type MapName = {
  [K in keyof Collections]: Collections[K] extends ReadonlyMap<string, unknown> ? K : never;
}[keyof Collections];
type ListName = Exclude<keyof Collections, MapName>;
type ValueOf<T> = T extends ReadonlyMap<string, infer V> ? V : never;
type Writable<T> = T extends ReadonlyMap<infer K, infer V> ? Map<K, V> : T extends readonly (infer V)[] ? V[] : never;

/** A record being folded: each collection is copied on its first change, then changed in place. */
class RecordDraft {
  readonly record: { -readonly [K in keyof EntityRecord]: EntityRecord[K] };
  private readonly copied = new Set<keyof Collections>();

  constructor(from: EntityRecord) {
    this.record = { ...from };
  }

  apply({ eventId, event }: IdentifiedEvent): void {
    const fact = { eventId, at: businessInstantOf(event), type: event.type, data: event.data } as DatedFact;
    this.record.folded++;
    if (isCertificateStep(fact)) {
      return this.change('certificates', fact.data.certificateId, (life) => certificateLife(life, fact));
    }
    switch (fact.type) {
      case 'EntityRegistered':
        this.record.registered = true;
        this.record.bin = fact.data.bin;
        this.record.details = detailsLife(this.record.details, fact);
        return;
      case 'EntityDetailsChanged':
        this.record.details = detailsLife(this.record.details, fact);
        return;
      case 'ComplianceServiceEstablished':
        return this.add('complianceService', fact);
      case 'HeadAppointed':
        this.map('heads').set(fact.data.iin, fact);
        return;
      case 'HeadDismissed':
        this.map('heads').delete(fact.data.iin);
        return;
      case 'ConflictOfInterestDeclared':
      case 'ConflictOfInterestSettled':
        return this.change('declarations', fact.data.declarationId, (life) => declarationLife(life, fact));
      case 'GiftReported':
      case 'GiftHandedOver':
        return this.change('gifts', fact.data.giftId, (life) => giftLife(life, fact));
      case 'CorruptionOffenceRegistered':
      case 'CorruptionOffenceConvicted':
      case 'CorruptionOffenceClosed':
        return this.change('offences', fact.data.offenceId, (life) => offenceLife(life, fact));
      case 'PersonalResponsibilitySanctionImposed':
        this.map('sanctions').set(fact.data.sanctionId, fact);
        return;
      case 'UndeclaredConflictDetected':
        return this.add('undeclaredConflicts', fact);
      case 'GiftBanViolationRecorded':
        return this.add('giftBanViolations', fact);
      case 'CorruptionRiskAnalysisCompleted':
        return this.add('riskAnalyses', fact);
      case 'AntiCorruptionTrainingCompleted':
        return this.add('trainings', fact);
      case 'RegisterIndexRecorded':
        return this.add('registerIndices', fact);
      default:
        return; // a type from a newer build: nothing here depends on it
    }
  }

  private add<Name extends ListName>(name: Name, fact: Writable<Collections[Name]>[number]): void {
    (this.list(name) as unknown[]).push(fact);
  }

  /** Changes one thing of a keyed collection; a step of a thing never recorded changes nothing. */
  private change<Name extends MapName>(
    name: Name,
    key: string,
    next: (life: ValueOf<Collections[Name]> | undefined) => ValueOf<Collections[Name]> | undefined,
  ): void {
    type Life = ValueOf<Collections[Name]>;
    const current = (this.record[name] as ReadonlyMap<string, Life>).get(key);
    const changed = next(current);
    if (changed !== undefined) (this.map(name) as Map<string, unknown>).set(key, changed);
  }

  private map<Name extends MapName>(name: Name): Writable<Collections[Name]> {
    if (!this.copied.has(name)) {
      this.copied.add(name);
      (this.record[name] as unknown) = new Map(this.record[name] as ReadonlyMap<string, unknown>);
    }
    return this.record[name] as Writable<Collections[Name]>;
  }

  private list<Name extends ListName>(name: Name): Writable<Collections[Name]> {
    if (!this.copied.has(name)) {
      this.copied.add(name);
      (this.record[name] as unknown) = [...this.record[name]];
    }
    return this.record[name] as Writable<Collections[Name]>;
  }
}
