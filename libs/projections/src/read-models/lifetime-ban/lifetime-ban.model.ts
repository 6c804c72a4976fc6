import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { convictionsAt, type Conviction, type ConvictionsOf, type EntityRecord } from '#domain';
import { comparePositions, type Position } from '#event-store';
import type { EntityEvent } from '../entity-records/entity-event.js';
import type { EntityRecordsModel } from '../entity-records/entity-records.model.js';

/**
 * `convictions`: every person's final convictions for a corruption offence, at every entity, each
 * row valid in system time from when it became known until a retraction or correction changed it
 * (`known_until`), so a view "as known at" a past instant finds the convictions known then.
 * `office_holders`: who has held office (head or compliance officer) at which entity, to know
 * whose ratings a conviction elsewhere changes.
 */
export const LIFETIME_BAN_SCHEMA = `
  CREATE TABLE convictions (
    iin          TEXT    NOT NULL,
    bin          TEXT    NOT NULL,
    event_id     TEXT    NOT NULL,
    convicted_at INTEGER NOT NULL,
    known_from   TEXT    NOT NULL,
    known_until  TEXT,
    PRIMARY KEY (bin, event_id, known_from)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX convictions_by_person ON convictions (iin);
  CREATE TABLE office_holders (
    iin TEXT NOT NULL,
    bin TEXT NOT NULL,
    PRIMARY KEY (iin, bin)
  ) STRICT, WITHOUT ROWID;`;

/** The events after which an entity's convictions or office holders may have changed. */
const RELEVANT = new Set([
  'CorruptionOffenceRegistered',
  'CorruptionOffenceConvicted',
  'CorruptionOffenceClosed',
  'HeadAppointed',
  'ComplianceServiceEstablished',
  'FactRetracted',
  'FactCorrected',
]);

/**
 * The index behind the lifetime ban (004 line 211): a person convicted of a corruption crime at
 * any entity who holds office at any entity is flagged there. Personal data: it serves scoring
 * on the read side and never appears in a register view.
 */
export class LifetimeBanModel {
  private readonly current: StatementSync;
  private readonly close: StatementSync;
  private readonly open: StatementSync;
  private readonly holder: StatementSync;
  private readonly knownAt: StatementSync;
  private readonly heldOfficeAt: StatementSync;

  constructor(
    db: DatabaseSync,
    private readonly entities: EntityRecordsModel,
  ) {
    this.current = db.prepare(
      'SELECT iin, event_id, convicted_at, known_from FROM convictions WHERE bin = ? AND known_until IS NULL',
    );
    this.close = db.prepare(
      'UPDATE convictions SET known_until = ? WHERE bin = ? AND event_id = ? AND known_from = ? AND known_until IS NULL',
    );
    this.open = db.prepare(
      'INSERT OR REPLACE INTO convictions (iin, bin, event_id, convicted_at, known_from, known_until) VALUES (?, ?, ?, ?, ?, NULL)',
    );
    this.holder = db.prepare('INSERT OR IGNORE INTO office_holders (iin, bin) VALUES (?, ?)');
    this.knownAt = db.prepare(
      `SELECT bin, event_id AS eventId, convicted_at AS at FROM convictions
       WHERE iin = ? AND known_from <= ? AND (known_until IS NULL OR known_until > ?) ORDER BY convicted_at, bin`,
    );
    this.heldOfficeAt = db.prepare('SELECT bin FROM office_holders WHERE iin = ?');
  }

  /**
   * Brings the index up to date with the admitted events (inside the projection's transaction):
   * answers the entities whose office holders' convictions changed, whose ratings are now due,
   * each with the position of the event that changed them: the last event of the convicting
   * entity that could, so that where the change is listed does not depend on how the log was
   * paged (a page ending after it lists it at the same place as one ending on it).
   */
  apply(events: readonly EntityEvent[]): Map<string, Position> {
    const touched = new Map<string, EntityEvent>(); // bin -> its last relevant event
    for (const event of events) if (RELEVANT.has(event.event.type)) touched.set(event.bin, event);
    const changedAt = new Map<string, Position>(); // person -> where their convictions changed
    for (const [bin, { recordedAt, position }] of touched) {
      const record = this.entities.load(bin)?.record;
      if (record === undefined) continue;
      for (const iin of this.convictionsChanged(bin, record, recordedAt)) changedAt.set(iin, position);
      for (const term of record.headTerms) this.holder.run(term.appointed.data.iin, bin);
      for (const service of record.complianceService) this.holder.run(service.data.officerIin, bin);
    }
    const due = new Map<string, Position>();
    for (const [iin, position] of changedAt) {
      for (const { bin } of this.heldOfficeAt.all(iin) as { bin: string }[]) {
        const listed = due.get(bin);
        if (listed === undefined || comparePositions(position, listed) > 0) due.set(bin, position);
      }
    }
    return due;
  }

  /** A person's convictions at any entity, as known at `knownAt` (system time, epoch ms). */
  convictionsOf(knownAt: number): ConvictionsOf {
    const stamp = new Date(knownAt).toISOString();
    return (iin) => this.knownAt.all(iin, stamp, stamp) as unknown as Conviction[];
  }

  /** The instants of the convictions of everyone who held office at the entity: when its view may turn. */
  convictionInstants(record: EntityRecord, knownAt: number): number[] {
    const convictionsOf = this.convictionsOf(knownAt);
    const holders = new Set([
      ...record.headTerms.map((term) => term.appointed.data.iin),
      ...record.complianceService.map((service) => service.data.officerIin),
    ]);
    return [...holders].flatMap((iin) => convictionsOf(iin).map((c) => c.at));
  }

  /** The entity's convictions as its record says now, against the index: answers the persons whose changed. */
  private convictionsChanged(bin: string, record: EntityRecord, recordedAt: string): Set<string> {
    const byEvent = new Map<string, { iin: string; at: number }>();
    const ofPerson = convictionsAt(record);
    for (const offence of record.offences.values()) {
      const iin = offence.registered.data.employeeIin;
      for (const conviction of ofPerson(iin)) byEvent.set(conviction.eventId, { iin, at: conviction.at });
    }
    const changed = new Set<string>();
    const rows = this.current.all(bin) as { iin: string; event_id: string; convicted_at: number; known_from: string }[];
    for (const row of rows) {
      const now = byEvent.get(row.event_id);
      if (now !== undefined && now.iin === row.iin && now.at === row.convicted_at) {
        byEvent.delete(row.event_id); // unchanged
        continue;
      }
      this.close.run(recordedAt, bin, row.event_id, row.known_from);
      changed.add(row.iin);
    }
    for (const [eventId, { iin, at }] of byEvent) {
      this.open.run(iin, bin, eventId, at, recordedAt);
      changed.add(iin);
    }
    return changed;
  }
}
