/**
 * A national-scale event log for `npm run bench -- --scale`: a decade of the quasi-public
 * sector, written as the rows the event store itself writes (hash chain and metadata as
 * `ComplianceEventLog.append` makes them), a batch at a time, so ten million events never sit
 * in memory together.
 *
 * - **Entities**: national holdings at the top of a tree of subsidiaries (`parentBin`), most
 *   registered in the decade's first year, some founded later. Event counts follow a power law
 *   from the largest holding (`largest` events, 10,000 at 10M events) down to a few dozen.
 * - **Histories**, fact by fact as officers record them: a compliance service and a head, ISO
 *   37001 / ST RK 3049 certificates with yearly surveillance audits, renewals, suspensions after
 *   a failed audit, withdrawals and lapses; yearly risk analyses and trainings; conflict-of-
 *   interest declarations and their settlements, gifts and their hand-overs (the bulk of a
 *   large entity's log); rare offences with verdicts and heads' sanctions, undeclared conflicts,
 *   gift-ban violations, head changes, details changed, register indices (by the register
 *   operator), and retracted or corrected trainings. Every fact is possible under the decider's
 *   rules (a test decides a generated volume again and finds none refused).
 * - **Time**: each entity's events spread over its life in working hours (Kazakhstan), the log
 *   interleaving all entities in recording order as a live system's would (or, with `order:
 *   'entity'`, one entity after another, as a bulk load writes it); business dates on or before
 *   the recording day; certificates issued before 2025 in their first schema version (upcast on
 *   read).
 *
 * Deterministic for a seed and an end day, but for the correlation ids (random UUIDs).
 */
import { createHash, randomUUID } from 'node:crypto';
import { withCheckDigit } from '#domain';
import { GENESIS_HASH, hashEvent, type EventMetadata } from '#event-log';
import { SeededRandom } from '../../seeds/seeded-random.js';

export interface NationalVolumeOptions {
  readonly entities: number;
  readonly events: number;
  /** Events of the largest entity (default: events / 1000, at least the mean). */
  readonly largest?: number;
  /** The last day of recordings, `YYYY-MM-DD` (UTC); the decade ends there. */
  readonly endDay: string;
  readonly years?: number;
  readonly seed?: number;
  /**
   * The log's order: `recording` (the default), all entities interleaved as a live system
   * records them; `entity`, one entity's history after another, as a bulk load writes it.
   */
  readonly order?: 'recording' | 'entity';
}

/** A row of the event store's `events` table, in its column order (without the position). */
export type StoredEventRow = [
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  created: number,
];

export const STORED_EVENT_COLUMNS = 'events (event_id, stream_id, revision, type, data, metadata, created)';

const DAY_MS = 86_400_000;
/** Recordings happen from 08:00 to 18:00 in Kazakhstan (UTC+05:00). */
const WORK_START_MS = 3 * 3_600_000;
const WORK_SPAN_MS = 10 * 3_600_000;
/** Days of the log emitted together, sorted by recording time. */
const PERIOD_DAYS = 10;
/** Rows a batch in entity order. */
const ENTITY_ORDER_BATCH = 20_000;
/** Every this many events, the fast hash is checked against the event log's own `hashEvent`. */
const HASH_CHECK_EVERY = 4096;
/** CertificateIssued was recorded in its first schema version (standard and edition in one code) until then. */
const CERTIFICATE_V2_FROM = '2025-01-01';

const SECTORS = [
  'energy',
  'oil and gas',
  'transport',
  'finance',
  'mining',
  'telecommunications',
  'construction',
  'agriculture',
  'healthcare',
  'education',
];
const REGIONS = [
  'Astana',
  'Almaty',
  'Shymkent',
  'Karaganda region',
  'Aktobe region',
  'Atyrau region',
  'Mangystau region',
  'Pavlodar region',
  'East Kazakhstan region',
  'Kostanay region',
  'Turkistan region',
  'Zhambyl region',
  'Kyzylorda region',
  'Akmola region',
  'North Kazakhstan region',
  'West Kazakhstan region',
  'Almaty region',
  'Abai region',
  'Zhetysu region',
  'Ulytau region',
];
const BODIES = [
  'Kazakhstan Institute of Standardization and Metrology',
  'TUV Rheinland Kazakhstan',
  'Bureau Veritas Kazakhstan',
  'SGS Kazakhstan',
  'National Center of Accreditation certification body',
];
const POSITIONS = [
  'procurement specialist',
  'chief accountant',
  'head of department',
  'lawyer',
  'engineer',
  'HR specialist',
  'deputy chairman',
  'economist',
];
const NATURES: readonly (readonly [string, number])[] = [
  ['employment of a relative', 87],
  ['financial interest in a counterparty', 6],
  ['secondary employment', 4],
  ['gift from a counterparty', 3],
];
const MEASURES: readonly (readonly ['recusal' | 'reassignment' | 'divestment' | 'dismissal' | 'other', number])[] = [
  ['recusal', 55],
  ['reassignment', 30],
  ['divestment', 8],
  ['dismissal', 2],
  ['other', 5],
];
const DONORS = ['counterparty', 'supplier', 'foreign delegation', 'business partner', 'contractor'];
const GIFTS = ['souvenir', 'book', 'calendar and pen set', 'national costume', 'tea set', 'commemorative plate'];
const CATEGORIES = ['bribe_taking', 'bribe_giving', 'fraud', 'embezzlement', 'abuse_of_office', 'other'] as const;
const SANCTIONS = ['reprimand', 'severe_reprimand', 'incomplete_compliance_warning', 'dismissal', 'other'] as const;
const INDICES = ['taxpayer_integrity', 'financial_stability', 'payment_discipline'] as const;
const INDEX_SOURCES = ['State Revenue Committee', 'NCE Atameken', 'National Bank of Kazakhstan'];
const FIRST_NAMES = ['Aibek', 'Dana', 'Yerlan', 'Aigerim', 'Nurlan', 'Saule', 'Timur', 'Gulnara', 'Askar', 'Madina'];
const LAST_NAMES = ['Abenov', 'Sadykova', 'Nurpeisov', 'Zhunusova', 'Tokayev', 'Omarova', 'Serikbayev', 'Kassymova'];

/** An event as the generator makes it: its type, its data (keys in sorted order) and who records it. */
interface Fact {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly byRegistry?: boolean;
  readonly schemaVersion?: number;
}

/** A fact that follows another one (a settlement, a hand-over, a verdict...) from a day on. */
interface FollowUp {
  readonly day: number;
  readonly make: (date: string, day: number) => Fact | undefined;
}

interface Certificate {
  readonly id: string;
  status: 'valid' | 'suspended';
  expiresDay: number;
  lastDay: number;
  nextAuditDay: number;
  /** The day the renewal is recorded, or never (the certificate lapses). */
  renewDay: number | undefined;
}

/** Everything the generator keeps about an entity between its events (a few hundred bytes). */
interface EntityState {
  readonly bin: string;
  readonly streamId: string;
  readonly recorder: string;
  readonly registrationDay: number;
  readonly events: number;
  readonly staff: number;
  revision: number;
  prevHash: string;
  lastMs: number;
  /** When the next event is recorded, once drawn. */
  nextMs: number | undefined;
  sequence: number;
  followUps: FollowUp[];
  serviceEstablished: boolean;
  headIin: string | undefined;
  certificate: Certificate | undefined;
  nextCertificateDay: number | undefined;
  nextAnalysisDay: number;
  nextTrainingDay: number;
  nextHeadChangeDay: number;
  nextOfficerChangeDay: number;
  nextDetailsChangeDay: number;
  lastTraining: { eventId: string; data: Record<string, unknown> } | undefined;
  parentBin: string | undefined;
  name: string;
  legalForm: string;
  region: string;
  sector: string;
  stateShare: number;
  foundedOn: string;
}

/** Sizes by a power law from `largest` down, summing exactly to `total`, none below `smallest`. */
export function entitySizes(count: number, total: number, largest: number, smallest: number): number[] {
  if (count === 1) return [total];
  const sum = (exponent: number): number => {
    let s = 0;
    for (let i = 0; i < count; i++) s += Math.max(smallest, largest * (i + 1) ** -exponent);
    return s;
  };
  let [low, high] = [0, 4];
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2;
    if (sum(middle) > total) low = middle;
    else high = middle;
  }
  const sizes = Array.from({ length: count }, (_, i) => Math.max(smallest, Math.floor(largest * (i + 1) ** -high)));
  sizes[0] = largest;
  let rest = total - sizes.reduce((a, b) => a + b, 0);
  for (let i = 1; rest !== 0; i = (i % (count - 1)) + 1) {
    if (rest > 0) {
      sizes[i]++;
      rest--;
    } else if (sizes[i] > smallest) {
      sizes[i]--;
      rest++;
    }
  }
  return sizes;
}

/**
 * The generated log. `bins` lists the entities by size, the largest first; `batches()` yields
 * the stored rows in log order.
 */
export class NationalVolume {
  readonly bins: string[] = [];
  readonly sizes: number[];
  readonly largest: number;
  readonly days: number;
  private readonly random: SeededRandom;
  private readonly startMs: number;
  private readonly dates: string[] = [];
  private readonly people: string[];
  private readonly states: EntityState[] = [];
  private generated = 0;

  constructor(private readonly options: NationalVolumeOptions) {
    const { entities, events } = options;
    const mean = Math.ceil(events / entities);
    this.largest = options.largest ?? Math.max(mean, Math.round(events / 1000));
    const smallest = Math.min(12, Math.floor(events / entities));
    if (!(Number.isInteger(entities) && entities >= 1 && Number.isInteger(events) && smallest >= 3)) {
      throw new RangeError('A national volume needs at least 3 events per entity');
    }
    if (this.largest > events - (entities - 1) * smallest || this.largest < mean) {
      throw new RangeError(
        `The largest entity cannot have ${this.largest} of ${events} events over ${entities} entities`,
      );
    }
    this.random = new SeededRandom(options.seed ?? 37001);
    const endMs = Date.parse(`${options.endDay}T00:00:00Z`);
    this.days = Math.round((options.years ?? 10) * 365.25);
    this.startMs = endMs - (this.days - 1) * DAY_MS;
    this.sizes = entitySizes(entities, events, this.largest, smallest);
    this.people = this.peoplePool(Math.min(300_000, Math.max(1_000, Math.ceil(events / 20))));
    this.createEntities();
  }

  /** How many events `batches()` has yielded so far. */
  get eventsGenerated(): number {
    return this.generated;
  }

  /**
   * The log's rows, a batch at a time, in log (position) order: by default in recording order,
   * each 10 days of the log a batch (each entity's events in revision order); with `order:
   * 'entity'`, one entity's whole history after another, as `npm run cli -- seed` loads a volume.
   */
  *batches(): Generator<StoredEventRow[]> {
    if (this.options.order === 'entity') {
      let rows: StoredEventRow[] = [];
      for (const state of this.states) {
        this.emitUntil(state, this.days, rows);
        if (rows.length < ENTITY_ORDER_BATCH && state !== this.states.at(-1)) continue;
        this.generated += rows.length;
        yield rows;
        rows = [];
      }
    }
    for (let start = 0; start < this.days && this.options.order !== 'entity'; start += PERIOD_DAYS) {
      const end = Math.min(this.days, start + PERIOD_DAYS);
      const rows: StoredEventRow[] = [];
      for (const state of this.states) {
        if (state.registrationDay >= end) break; // registration order is index order
        this.emitUntil(state, end, rows);
      }
      rows.sort((a, b) => a[6] - b[6]); // stable: an entity's events keep their order
      this.generated += rows.length;
      yield rows;
    }
    const missing = this.states.find((s) => s.revision + 1 !== s.events);
    if (missing) throw new Error(`Entity ${missing.bin} got ${missing.revision + 1} of ${missing.events} events`);
  }

  // --- entities --------------------------------------------------------------------------

  private createEntities(): void {
    const { entities } = this.options;
    const random = this.random;
    const roots = Math.max(1, Math.round(entities * 0.0003));
    const depth: number[] = [];
    const rootOf: number[] = [];
    const early = Math.floor(entities * 0.85);
    const seen = new Set<string>();
    for (let i = 0; i < entities; i++) {
      let parent: number | undefined;
      if (i >= roots) {
        parent = Math.floor((random.int(0, 999_999) ** 3 / 1e18) * i);
        if (depth[parent] >= 6) parent = random.int(0, roots - 1);
      }
      depth.push(parent === undefined ? 0 : depth[parent] + 1);
      rootOf.push(parent === undefined ? i : rootOf[parent]);
      const registrationDay =
        i < roots
          ? 0
          : i < early
            ? Math.floor((300 * i) / early)
            : 300 + Math.floor(((this.days - 400) * (i - early)) / (entities - early));
      const foundedMs =
        i < early
          ? this.startMs - random.int(200, 9_000) * DAY_MS
          : this.startMs + (registrationDay - random.int(1, 60)) * DAY_MS;
      const foundedOn = new Date(foundedMs).toISOString().slice(0, 10);
      let bin: string;
      do {
        bin = random.identifier(`${foundedOn.slice(2, 4)}${foundedOn.slice(5, 7)}40`, withCheckDigit);
      } while (seen.has(bin));
      seen.add(bin);
      this.bins.push(bin);
      const sector = random.pick(SECTORS);
      const legalForm =
        parent === undefined
          ? 'JSC'
          : random.weighted([
              ['JSC', 40],
              ['LLP', 45],
              ['RSE', 15],
            ] as const);
      this.states.push({
        bin,
        streamId: `entity-${bin}`,
        recorder: `officer-${rootOf[i] === i ? bin : this.bins[rootOf[i]]}`,
        registrationDay,
        events: this.sizes[i],
        staff: Math.min(60_000, Math.max(25, this.sizes[i] * random.int(2, 6))),
        revision: -1,
        prevHash: GENESIS_HASH,
        lastMs: 0,
        nextMs: undefined,
        sequence: 0,
        followUps: [],
        serviceEstablished: false,
        headIin: undefined,
        certificate: undefined,
        nextCertificateDay: random.chance(Math.min(0.95, 0.55 + this.sizes[i] / 2_000))
          ? registrationDay + random.int(30, 900)
          : undefined,
        nextAnalysisDay: registrationDay + random.int(60, 365),
        nextTrainingDay: registrationDay + random.int(20, 200),
        nextHeadChangeDay: registrationDay + random.int(700, 2_200),
        nextOfficerChangeDay: random.chance(0.5) ? registrationDay + random.int(1_000, 2_500) : Infinity,
        nextDetailsChangeDay: random.chance(0.3) ? registrationDay + random.int(700, 3_300) : Infinity,
        lastTraining: undefined,
        parentBin: parent === undefined ? undefined : this.bins[parent],
        name:
          parent === undefined
            ? `National ${titleCase(sector)} Holding ${i + 1} JSC`
            : `${random.pick(REGIONS).replace(' region', '')} ${titleCase(sector)} Company ${i + 1} ${legalForm}`,
        legalForm,
        region: random.pick(REGIONS),
        sector,
        stateShare: parent === undefined || random.chance(0.7) ? 100 : random.int(50, 99),
        foundedOn,
      });
    }
  }

  private peoplePool(size: number): string[] {
    const people = new Set<string>();
    while (people.size < size) {
      const year = this.random.int(1955, 2002);
      const birth = `${String(year % 100).padStart(2, '0')}${String(this.random.int(1, 12)).padStart(2, '0')}${String(this.random.int(1, 28)).padStart(2, '0')}`;
      const century = (year < 2000 ? 3 : 5) + this.random.int(0, 1);
      people.add(this.random.identifier(`${birth}${century}`, withCheckDigit));
    }
    return [...people];
  }

  // --- events ----------------------------------------------------------------------------

  /** Emits the entity's events recorded before day `end`. */
  private emitUntil(state: EntityState, end: number, rows: StoredEventRow[]): void {
    const endMs = this.startMs + end * DAY_MS;
    while (state.revision + 1 < state.events) {
      const ms = (state.nextMs ??= this.nextRecording(state));
      if (ms >= endMs) return;
      state.nextMs = undefined;
      const day = Math.floor((ms - this.startMs) / DAY_MS);
      const fact = this.nextFact(state, day);
      rows.push(this.stored(state, fact, ms));
    }
  }

  /**
   * When the entity's next event is recorded: its events are spread evenly over its life in
   * working time, each at a random point of its share, so a large entity records several a
   * day and a small one every few weeks.
   */
  private nextRecording(state: EntityState): number {
    const n = state.revision + 1;
    const dayMs = this.startMs + state.registrationDay * DAY_MS;
    if (n === 0) return Math.max(state.lastMs + 1, dayMs + WORK_START_MS + this.random.int(0, WORK_SPAN_MS / 2));
    const share = ((this.days - state.registrationDay) * WORK_SPAN_MS) / (state.events - 1);
    const working = (n - 1 + this.random.int(0, 999) / 1000) * share;
    const day = Math.floor(working / WORK_SPAN_MS);
    const ms = dayMs + day * DAY_MS + WORK_START_MS + Math.floor(working - day * WORK_SPAN_MS);
    return Math.max(state.lastMs + 1, ms);
  }

  /** The next fact the entity records on `day`: what its state calls for, else the everyday facts. */
  private nextFact(state: EntityState, day: number): Fact {
    const random = this.random;
    if (state.revision === -1) return this.registered(state);
    if (!state.serviceEstablished) return this.serviceEstablished(state, day);
    if (state.headIin === undefined) return this.headAppointed(state, day);
    while (state.followUps.length > 0 && state.followUps[0].day <= day) {
      const followUp = state.followUps.shift() as FollowUp;
      // dated when it happened (it may be recorded later): never before the day it follows
      const fact = followUp.make(this.date(followUp.day), followUp.day);
      if (fact) return fact;
    }
    const certificate = this.certificateStep(state, day);
    if (certificate) return certificate;
    if (state.nextAnalysisDay <= day) return this.riskAnalysis(state, day);
    if (state.nextTrainingDay <= day) return this.training(state, day);
    if (state.nextHeadChangeDay <= day && state.headIin) return this.headChange(state, day);
    if (state.nextOfficerChangeDay <= day) {
      state.nextOfficerChangeDay += random.int(1_000, 2_500);
      return this.serviceEstablished(state, day);
    }
    if (state.nextDetailsChangeDay <= day) {
      state.nextDetailsChangeDay = Infinity;
      return this.detailsChanged(state, day);
    }
    // the everyday facts, per 10,000
    const draw = random.int(0, 9_999);
    if (draw < 4_700) return this.declaration(state, day);
    if (draw < 8_500) return this.gift(state, day);
    if (draw < 8_600) return this.riskAnalysis(state, day);
    if (draw < 8_750) return this.registerIndex(state, day);
    if (draw < 8_770) return this.offence(state, day);
    if (draw < 8_790) return this.undeclaredConflict(state, day);
    if (draw < 8_810) return this.giftBanViolation(state, day);
    if (draw < 8_820 && state.lastTraining) return this.trainingRetracted(state, day);
    if (draw < 8_830 && state.lastTraining) return this.trainingCorrected(state);
    return this.training(state, day);
  }

  private registered(state: EntityState): Fact {
    const data: Record<string, unknown> = { bin: state.bin, legalForm: state.legalForm, name: state.name };
    if (state.parentBin !== undefined) data.parentBin = state.parentBin;
    Object.assign(data, {
      region: state.region,
      registeredOn: state.foundedOn,
      sector: state.sector,
      stateSharePercent: state.stateShare,
    });
    return { type: 'EntityRegistered', data };
  }

  private serviceEstablished(state: EntityState, day: number): Fact {
    state.serviceEstablished = true;
    return {
      type: 'ComplianceServiceEstablished',
      data: {
        establishedOn: this.businessDate(day, state.registrationDay),
        officerIin: this.person(),
        officerName: this.fullName(),
      },
    };
  }

  private headAppointed(state: EntityState, day: number, on = this.businessDate(day, state.registrationDay)): Fact {
    let iin = this.person();
    while (iin === state.headIin) iin = this.person();
    state.headIin = iin;
    return {
      type: 'HeadAppointed',
      data: { appointedOn: on, fullName: this.fullName(), iin, position: 'Chairman of the Management Board' },
    };
  }

  private headChange(state: EntityState, day: number): Fact {
    const iin = state.headIin as string;
    state.headIin = ''; // no head is appointed until the new one is
    state.nextHeadChangeDay = day + this.random.int(1_100, 2_200);
    const dismissedOn = this.date(day);
    this.follow(state, day + this.random.int(0, 30), (date, on) => {
      state.headIin = undefined;
      return this.headAppointed(state, on, date);
    });
    return { type: 'HeadDismissed', data: { dismissedOn, iin, reason: 'term of office ended' } };
  }

  private certificateStep(state: EntityState, day: number): Fact | undefined {
    const random = this.random;
    const certificate = state.certificate;
    if (certificate === undefined) {
      if (state.nextCertificateDay === undefined || state.nextCertificateDay > day) return undefined;
      const issuedDay = Math.max(state.nextCertificateDay, day - random.int(0, 5));
      const id = `cert-${++state.sequence}`;
      const expiresDay = this.addYears(issuedDay, 3) - 1;
      state.certificate = {
        id,
        status: 'valid',
        expiresDay,
        lastDay: issuedDay,
        nextAuditDay: this.addYears(issuedDay, 1) + random.int(-20, 20),
        renewDay: random.chance(0.9) ? expiresDay - random.int(10, 60) : undefined,
      };
      state.nextCertificateDay = undefined;
      const issuedOn = this.date(issuedDay);
      const iso = random.chance(0.8);
      const v1 = issuedOn < CERTIFICATE_V2_FROM;
      const edition = issuedOn >= '2025-06-01' && random.chance(0.5) ? '2025' : '2016';
      const data: Record<string, unknown> = {
        certificateId: id,
        certificateNumber: `KZ.7500403.22.03.${random.int(10_000, 99_999)}`,
        certificationBody: random.pick(BODIES),
      };
      if (!v1 && iso) data.edition = edition;
      Object.assign(data, {
        expiresOn: this.date(expiresDay),
        issuedOn,
        scope: 'anti-bribery management system',
        standard: iso ? (v1 ? `ISO_37001_${edition}` : 'ISO_37001') : 'ST_RK_3049',
      });
      return { type: 'CertificateIssued', data, schemaVersion: v1 ? 1 : 2 };
    }
    if (certificate.status === 'suspended') return undefined; // its reinstatement or withdrawal follows
    if (certificate.renewDay !== undefined && certificate.renewDay <= day) {
      const renewedDay = Math.max(certificate.lastDay, Math.min(day, certificate.expiresDay));
      const expiresDay = this.addYears(certificate.expiresDay + 1, 3) - 1;
      Object.assign(certificate, {
        lastDay: renewedDay,
        expiresDay,
        nextAuditDay: this.addYears(renewedDay, 1) + random.int(-20, 20),
        renewDay: random.chance(0.9) ? expiresDay - random.int(10, 60) : undefined,
      });
      return {
        type: 'CertificateRenewed',
        data: {
          certificateId: certificate.id,
          certificateNumber: `KZ.7500403.22.03.${random.int(10_000, 99_999)}`,
          expiresOn: this.date(expiresDay),
          renewedOn: this.date(renewedDay),
        },
      };
    }
    if (certificate.renewDay === undefined && certificate.expiresDay < day) {
      // it lapsed: a new certificate some months later
      state.certificate = undefined;
      state.nextCertificateDay = day + random.int(60, 400);
      return undefined;
    }
    if (certificate.nextAuditDay <= day && certificate.nextAuditDay < certificate.expiresDay - 60) {
      const auditedDay = Math.max(certificate.lastDay, Math.min(day, certificate.nextAuditDay + random.int(0, 10)));
      certificate.lastDay = auditedDay;
      certificate.nextAuditDay = this.addYears(certificate.nextAuditDay, 1);
      const outcome = random.weighted([
        ['passed', 85],
        ['minor_nonconformities', 12],
        ['failed', 3],
      ] as const);
      if (outcome === 'failed') this.suspensionAfter(state, certificate, auditedDay);
      const data: Record<string, unknown> = { auditedOn: this.date(auditedDay), certificateId: certificate.id };
      if (outcome !== 'passed')
        data.notes = outcome === 'failed' ? 'major nonconformities found' : 'corrective actions agreed';
      data.outcome = outcome;
      return { type: 'SurveillanceAuditCompleted', data };
    }
    return undefined;
  }

  /** A failed audit: the certificate is suspended, then reinstated or withdrawn. */
  private suspensionAfter(state: EntityState, certificate: Certificate, auditedDay: number): void {
    const random = this.random;
    certificate.status = 'suspended';
    this.follow(state, auditedDay + random.int(5, 30), (suspendedOn, suspendedDay) => {
      certificate.lastDay = suspendedDay;
      this.follow(state, suspendedDay + random.int(30, 120), (date, decidedDay) => {
        if (state.certificate !== certificate) return undefined;
        certificate.lastDay = decidedDay;
        if (random.chance(0.8) && decidedDay < certificate.expiresDay) {
          certificate.status = 'valid';
          certificate.nextAuditDay = Math.max(certificate.nextAuditDay, decidedDay + 30);
          return { type: 'CertificateReinstated', data: { certificateId: certificate.id, reinstatedOn: date } };
        }
        state.certificate = undefined;
        state.nextCertificateDay = decidedDay + random.int(180, 720);
        return {
          type: 'CertificateWithdrawn',
          data: { certificateId: certificate.id, reason: 'nonconformities not corrected', withdrawnOn: date },
        };
      });
      return {
        type: 'CertificateSuspended',
        data: { certificateId: certificate.id, reason: 'failed surveillance audit', suspendedOn },
      };
    });
  }

  private riskAnalysis(state: EntityState, day: number): Fact {
    const completedDay = this.businessDay(day, state.registrationDay);
    state.nextAnalysisDay = Math.max(state.nextAnalysisDay, day) + this.random.int(330, 380);
    return {
      type: 'CorruptionRiskAnalysisCompleted',
      data: {
        completedOn: this.date(completedDay),
        period: this.date(completedDay).slice(0, 4),
        publicCouncilInvolved: this.random.chance(0.4),
        risksFound: this.random.int(0, 12),
      },
    };
  }

  private training(state: EntityState, day: number): Fact {
    const jitter = Math.floor(state.staff / 20);
    const staffTotal = Math.max(10, state.staff + this.random.int(-jitter, jitter));
    state.nextTrainingDay = Math.max(state.nextTrainingDay, day) + this.random.int(150, 380);
    const data = {
      completedOn: this.businessDate(day, state.registrationDay),
      participants: this.random.int(Math.ceil(staffTotal * 0.3), staffTotal),
      programme: this.random.pick([
        'anti-corruption standards',
        'conflict of interest',
        'gift ban',
        'ISO 37001 awareness',
      ]),
      staffTotal,
    };
    state.lastTraining = { eventId: '', data }; // its id is set once the event is made
    return { type: 'AntiCorruptionTrainingCompleted', data };
  }

  private trainingRetracted(state: EntityState, day: number): Fact {
    const { eventId } = state.lastTraining as { eventId: string };
    state.lastTraining = undefined;
    return {
      type: 'FactRetracted',
      data: { reason: 'recorded twice', retractedEventId: eventId, retractedOn: this.date(day) },
    };
  }

  private trainingCorrected(state: EntityState): Fact {
    const { eventId, data } = state.lastTraining as { eventId: string; data: Record<string, unknown> };
    state.lastTraining = undefined;
    const corrected = { ...data, participants: Math.max(1, (data.participants as number) - this.random.int(1, 5)) };
    return {
      type: 'FactCorrected',
      data: { correctedEventId: eventId, data: corrected, reason: 'participants miscounted' },
    };
  }

  private declaration(state: EntityState, day: number): Fact {
    const random = this.random;
    const declarationId = `coi-${++state.sequence}`;
    const declaredDay = this.businessDay(day, state.registrationDay, 2);
    const settle = random.int(0, 99);
    if (settle < 98) {
      const settledDay = declaredDay + (settle < 88 ? random.int(1, 25) : random.int(31, 90));
      this.follow(state, settledDay, (settledOn) => ({
        type: 'ConflictOfInterestSettled',
        data: { decidedBy: 'ethics commission', declarationId, measure: random.weighted(MEASURES), settledOn },
      }));
    }
    const data: Record<string, unknown> = {
      declarantIin: this.person(),
      declarationId,
      declaredOn: this.date(declaredDay),
      nature: random.weighted(NATURES),
      position: random.pick(POSITIONS),
    };
    if (random.chance(0.5))
      data.relatedParty = random.pick(['spouse', 'brother', 'sister', 'son', 'daughter', 'LLP Counterparty']);
    return { type: 'ConflictOfInterestDeclared', data };
  }

  private gift(state: EntityState, day: number): Fact {
    const random = this.random;
    const giftId = `gift-${++state.sequence}`;
    const receivedDay = this.businessDay(day, state.registrationDay, 3);
    if (random.chance(0.95)) {
      this.follow(state, receivedDay + random.int(1, 10), (handedOverOn) => ({
        type: 'GiftHandedOver',
        data: { giftId, handedOverOn, handedOverTo: 'gift commission' },
      }));
    }
    return {
      type: 'GiftReported',
      data: {
        description: random.pick(GIFTS),
        donor: random.pick(DONORS),
        giftId,
        receivedOn: this.date(receivedDay),
        recipientIin: this.person(),
        recipientIsFamilyMember: random.chance(0.1),
        valueKzt: random.int(2_000, 250_000),
      },
    };
  }

  private offence(state: EntityState, day: number): Fact {
    const random = this.random;
    const offenceId = `offence-${++state.sequence}`;
    const registeredDay = this.businessDay(day, state.registrationDay);
    this.follow(state, registeredDay + random.int(60, 400), (date, decidedDay) => {
      if (random.chance(0.45)) {
        return { type: 'CorruptionOffenceClosed', data: { closedOn: date, offenceId, reason: 'no corpus delicti' } };
      }
      if (random.chance(0.5) && state.headIin) {
        const headIin = state.headIin;
        const sanctionId = `sanction-${++state.sequence}`;
        this.follow(state, decidedDay + random.int(10, 80), (imposedOn) => ({
          type: 'PersonalResponsibilitySanctionImposed',
          data: {
            headIin,
            headPosition: 'Chairman of the Management Board',
            imposedOn,
            offenceId,
            sanction: random.pick(SANCTIONS),
            sanctionId,
          },
        }));
      }
      return { type: 'CorruptionOffenceConvicted', data: { convictedOn: date, offenceId } };
    });
    return {
      type: 'CorruptionOffenceRegistered',
      data: {
        category: random.pick(CATEGORIES),
        description: 'pre-trial investigation opened',
        employeeIin: this.person(),
        offenceId,
        position: random.pick(POSITIONS),
        registeredOn: this.date(registeredDay),
      },
    };
  }

  private undeclaredConflict(state: EntityState, day: number): Fact {
    return {
      type: 'UndeclaredConflictDetected',
      data: {
        description: 'a relative employed in a subordinate position, not declared',
        detectedOn: this.businessDate(day, state.registrationDay),
        detectionSource: 'internal audit',
        personIin: this.person(),
        position: this.random.pick(POSITIONS),
      },
    };
  }

  private giftBanViolation(state: EntityState, day: number): Fact {
    return {
      type: 'GiftBanViolationRecorded',
      data: {
        description: 'a gift from a counterparty accepted and not reported',
        occurredOn: this.businessDate(day, state.registrationDay, 30),
        personIin: this.person(),
        valueKzt: this.random.int(10_000, 500_000),
      },
    };
  }

  private registerIndex(state: EntityState, day: number): Fact {
    return {
      type: 'RegisterIndexRecorded',
      data: {
        asOf: this.businessDate(day, state.registrationDay),
        index: this.random.pick(INDICES),
        source: this.random.pick(INDEX_SOURCES),
        value: this.random.int(0, 100),
      },
      byRegistry: true,
    };
  }

  private detailsChanged(state: EntityState, day: number): Fact {
    const changedOn = this.businessDate(day, state.registrationDay);
    if (this.random.chance(0.5)) {
      state.region = this.random.pick(REGIONS);
      return { type: 'EntityDetailsChanged', data: { changedOn, region: state.region } };
    }
    state.name = state.name.endsWith(' (renamed)') ? state.name.slice(0, -10) : `${state.name} (renamed)`;
    return { type: 'EntityDetailsChanged', data: { changedOn, name: state.name } };
  }

  private follow(state: EntityState, day: number, make: FollowUp['make']): void {
    const followUps = state.followUps;
    let at = followUps.length;
    while (at > 0 && followUps[at - 1].day > day) at--;
    followUps.splice(at, 0, { day, make });
  }

  // --- the stored row --------------------------------------------------------------------

  /**
   * The row `ComplianceEventLog.append` would have the store write: a time-ordered event id,
   * the metadata envelope, and the hash chained to the entity's previous event, every object's
   * keys in canonical order (as `inCanonicalOrder` stores them; the facts' data are written so). The hash is
   * taken over the canonical JSON (RFC 8785) the log uses; with keys already in sorted order
   * and only strings, integers and booleans, that is JSON.stringify, checked against the log's
   * own `hashEvent` every few thousand events.
   */
  private stored(state: EntityState, fact: Fact, ms: number): StoredEventRow {
    const revision = ++state.revision;
    state.lastMs = ms;
    const eventId = this.eventId(ms);
    if (fact.type === 'AntiCorruptionTrainingCompleted' && state.lastTraining) state.lastTraining.eventId = eventId;
    const recordedAt = new Date(ms).toISOString();
    const request = randomUUID();
    const [id, role] = fact.byRegistry ? ['atameken', 'registry'] : [state.recorder, 'officer'];
    const schemaVersion = fact.schemaVersion ?? 1;
    const data = JSON.stringify(fact.data);
    const canonical =
      `{"data":${data},"eventId":"${eventId}","metadata":{"causationId":"${request}","correlationId":"${request}",` +
      `"prevHash":"${state.prevHash}","recordedAt":"${recordedAt}","recordedBy":{"id":"${id}","role":"${role}"},` +
      `"schemaVersion":${schemaVersion}},"revision":${revision},"streamId":"${state.streamId}","type":"${fact.type}"}`;
    const hash = createHash('sha256').update(state.prevHash).update(canonical).digest('hex');
    const unhashed: Omit<EventMetadata, 'hash'> = {
      schemaVersion,
      recordedAt,
      recordedBy: { id, role },
      correlationId: request,
      causationId: request,
      prevHash: state.prevHash,
    };
    if ((this.generated + revision) % HASH_CHECK_EVERY === 0) {
      const expected = hashEvent({
        streamId: state.streamId,
        revision,
        eventId,
        type: fact.type,
        data: fact.data,
        metadata: unhashed,
      });
      if (expected !== hash) throw new Error(`The generator's hash of ${fact.type} differs from the event log's`);
    }
    state.prevHash = hash;
    // the envelope's keys in canonical order, as the event log stores it (inCanonicalOrder)
    const { causationId, correlationId, prevHash, recordedAt: at, recordedBy } = unhashed;
    const metadata = { causationId, correlationId, hash, prevHash, recordedAt: at, recordedBy, schemaVersion };
    return [eventId, state.streamId, revision, fact.type, data, JSON.stringify(metadata), ms];
  }

  /** A UUID version 7 of the recording instant (as `newEventId` makes at the moment of recording). */
  private eventId(ms: number): string {
    const time = ms.toString(16).padStart(12, '0');
    const random = () => this.random.int(0, 0xffff).toString(16).padStart(4, '0');
    const variant = (8 + this.random.int(0, 3)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${random().slice(1)}-${variant}${random().slice(1)}-${random()}${random()}${random()}`;
  }

  // --- dates and people ------------------------------------------------------------------

  /** The day of a fact recorded on `day`: that day, or a few days before (not before `floor`). */
  private businessDay(day: number, floor: number, maxLag = 7): number {
    const lag = this.random.int(0, 9) < 6 ? 0 : this.random.int(1, maxLag);
    return Math.max(floor, day - lag);
  }

  private businessDate(day: number, floor: number, maxLag = 7): string {
    return this.date(this.businessDay(day, floor, maxLag));
  }

  /** `YYYY-MM-DD` of a day of the decade (day 0 is its first; later days for expiries). */
  private date(day: number): string {
    let date = this.dates[day];
    if (date === undefined) {
      date = new Date(this.startMs + day * DAY_MS).toISOString().slice(0, 10);
      if (day >= 0) this.dates[day] = date;
    }
    return date;
  }

  /** The same calendar day `years` later, as a day of the decade. */
  private addYears(day: number, years: number): number {
    const date = new Date(this.startMs + day * DAY_MS);
    date.setUTCFullYear(date.getUTCFullYear() + years);
    return Math.round((date.getTime() - this.startMs) / DAY_MS);
  }

  private person(): string {
    return this.people[this.random.int(0, this.people.length - 1)];
  }

  private fullName(): string {
    return `${this.random.pick(FIRST_NAMES)} ${this.random.pick(LAST_NAMES)}`;
  }
}

function titleCase(text: string): string {
  return text.replace(/(^| )\w/g, (letter) => letter.toUpperCase());
}
