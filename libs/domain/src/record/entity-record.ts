import { isAmendment } from '../facts/events.js';
import { businessInstantOf, type DatedFact, type IdentifiedEvent } from '../facts/identified-event.js';
import { amended, effectiveFacts, type RecordEntry } from './amendments.js';
import { certificateLife, isCertificateStep, type CertificateLife } from './certificate.js';
import { declarationLife, type DeclarationLife } from './declaration.js';
import { detailsLife, type DetailsLife } from './entity-details.js';
import { giftLife, type GiftLife } from './gift.js';
import { headTerms, type HeadTerm } from './head.js';
import { historyOf, stepsOf, type History } from './history.js';
import { offenceLife, type OffenceLife } from './offence.js';

/**
 * Everything recorded about an entity, folded once: each concept (its details, a head's term, a
 * certificate, a declaration, a gift, an offence) by its own fold, every fact dated and with the
 * event that recorded it, as its corrections leave it and without the facts retracted. The
 * decider, the profile, scoring and the register view all read this record; none folds events
 * itself.
 */
export interface EntityRecord {
  readonly bin?: string;
  readonly registered: boolean;
  readonly details?: DetailsLife;
  readonly complianceService: readonly DatedFact<'ComplianceServiceEstablished'>[];
  /** Every head's terms of office, in order of appointment. */
  readonly headTerms: readonly HeadTerm[];
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
  /** Every event of the stream, the latest first: the facts with what amended them, and the amendments. */
  readonly entries?: History<RecordEntry & { readonly at: number }>;
  /** How many events were folded into it. */
  readonly folded: number;
}

export const emptyRecord: EntityRecord = {
  registered: false,
  complianceService: [],
  headTerms: [],
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
 * touch is copied once, not once per event, and the given record is left untouched. A
 * retraction or a correction folds the facts again, as they stand after it.
 */
export function replay(events: Iterable<IdentifiedEvent>, from: EntityRecord = emptyRecord): EntityRecord {
  const draft = new RecordDraft(from);
  for (const event of events) draft.apply(event);
  return draft.record;
}

/** Every event of the record's stream, in the order recorded, with what amended each fact. */
export function recordEntries(record: EntityRecord): RecordEntry[] {
  return stepsOf(record.entries);
}

/** The facts that count, in the order recorded, as their corrections leave them. */
export function factsOf(record: EntityRecord): IdentifiedEvent[] {
  return effectiveFacts(recordEntries(record));
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

/**
 * A record being folded, which a decision may read between two events (`decideEach`): each
 * collection is copied on its first change, then changed in place.
 */
export class RecordDraft {
  readonly record: { -readonly [K in keyof EntityRecord]: EntityRecord[K] };
  private copied = new Set<keyof Collections>();

  constructor(from: EntityRecord = emptyRecord) {
    this.record = { ...from };
  }

  apply({ eventId, event }: IdentifiedEvent): void {
    this.record.folded++;
    if (isAmendment(event)) {
      this.refold(amended(recordEntries(this.record), { eventId, event }));
      return;
    }
    const at = businessInstantOf(event);
    this.record.entries = historyOf({ eventId, recorded: event, effective: event, at }, this.record.entries);
    this.fold({ eventId, at, type: event.type, data: event.data } as DatedFact);
  }

  /** The facts folded again, from the start, as the amended entries say they stand. */
  private refold(entries: readonly RecordEntry[]): void {
    const fresh = new RecordDraft();
    for (const { eventId, event } of effectiveFacts(entries)) {
      fresh.fold({ eventId, at: businessInstantOf(event), type: event.type, data: event.data } as DatedFact);
    }
    let list: History<RecordEntry & { at: number }> | undefined;
    for (const entry of entries) {
      list = historyOf({ ...entry, at: entry.effective ? businessInstantOf(entry.effective) : -Infinity }, list);
    }
    Object.assign(this.record, fresh.record, { entries: list, folded: this.record.folded });
    this.copied = fresh.copied;
  }

  /** One fact into the concept it is about: the one place each concept is folded. */
  private fold(fact: DatedFact): void {
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
      case 'HeadDismissed':
        this.record.headTerms = headTerms(this.record.headTerms, fact);
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
