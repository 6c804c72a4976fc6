import { METHODOLOGY_V1, type ComplianceEvent, type Methodology } from '#domain';
import { ComplianceEventLog, complianceUpcasters, entityStreamId } from '#event-log';
import type { Position } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { ReadModels, type Logger } from '#projections';

export const HOLDING = '081140000436';
export const SUBSIDIARY = '940740000911';
export const IIN = '860311300524';

/**
 * Read models under test, given/when/then, with no HTTP: events are recorded in an in-memory
 * event store as the write side records them (enveloped and hash-chained), then projected as the
 * projection runner would, a page at a time.
 */
export class ProjectionSpec {
  readonly store = SqliteEventStore.open({ filename: ':memory:' });
  readonly logged: string[] = [];
  private clock = Date.parse('2025-06-01T00:00:00Z');
  readonly log = new ComplianceEventLog(this.store, complianceUpcasters(), () => new Date(this.clock));
  readonly readModels: ReadModels;
  private projectedUpTo: Position | undefined;

  constructor(methodology: Methodology = METHODOLOGY_V1) {
    const logger: Logger = { log: (m) => this.logged.push(m), error: (m) => this.logged.push(m) };
    this.readModels = ReadModels.open(':memory:', this.log, methodology, logger);
  }

  /** Records an entity's events (one append each), as if recorded at `recordedAt`. */
  async record(bin: string, events: readonly ComplianceEvent[], recordedAt?: string): Promise<this> {
    if (recordedAt !== undefined) this.clock = Date.parse(recordedAt);
    for (const event of events) {
      await this.log.append(await this.log.loadTail(bin), [event], {
        recordedBy: { id: 'officer-key', role: 'officer' },
        correlationId: 'c',
        causationId: 'r',
      });
    }
    return this;
  }

  /** Projects what was recorded since the last projection, in one page. */
  async project(): Promise<this> {
    const page = await this.store.readAll({ after: this.projectedUpTo, maxCount: 100_000 });
    if (page.length > 0) this.readModels.apply(page);
    this.projectedUpTo = page.at(-1)?.position ?? this.projectedUpTo;
    return this;
  }

  /** given/when: record, then project. */
  async given(bin: string, events: readonly ComplianceEvent[], recordedAt?: string): Promise<this> {
    await this.record(bin, events, recordedAt);
    return this.project();
  }

  readonly when = this.given;

  /** The stored events of an entity, straight from the store. */
  stored(bin: string) {
    return this.store.readStream(entityStreamId(bin));
  }

  async close(): Promise<void> {
    await this.readModels.close();
    await this.store.close();
  }
}

export const registered = (
  bin: string,
  extra: Partial<{ parentBin: string; sector: string }> = {},
): ComplianceEvent => ({
  type: 'EntityRegistered',
  data: { bin, name: `Company ${bin}`, stateSharePercent: 100, ...extra },
});

export const certificate = (id: string, issuedOn: string, expiresOn: string): ComplianceEvent => ({
  type: 'CertificateIssued',
  data: {
    certificateId: id,
    certificateNumber: `KZ-${id}`,
    standard: 'ISO_37001',
    certificationBody: 'Body',
    issuedOn,
    expiresOn,
  },
});

export const service = (establishedOn: string): ComplianceEvent => ({
  type: 'ComplianceServiceEstablished',
  data: { officerIin: IIN, establishedOn },
});

export const giftBanViolation = (occurredOn: string): ComplianceEvent => ({
  type: 'GiftBanViolationRecorded',
  data: { personIin: IIN, description: 'kept a gift', occurredOn },
});

export const training = (completedOn: string, participants = 10, staffTotal = 10): ComplianceEvent => ({
  type: 'AntiCorruptionTrainingCompleted',
  data: { completedOn, participants, staffTotal },
});

export const headAppointed = (appointedOn: string): ComplianceEvent => ({
  type: 'HeadAppointed',
  data: { iin: IIN, fullName: 'H', position: 'chair', appointedOn },
});

/** An offence by the person of IIN, registered then convicted (offence `o1`). */
export const offenceConvicted = ({
  position,
  registeredOn,
  convictedOn,
}: {
  position: string;
  registeredOn: string;
  convictedOn: string;
}): ComplianceEvent[] => [
  {
    type: 'CorruptionOffenceRegistered',
    data: { offenceId: 'o1', employeeIin: IIN, position, category: 'bribe_taking', registeredOn },
  },
  { type: 'CorruptionOffenceConvicted', data: { offenceId: 'o1', convictedOn } },
];
