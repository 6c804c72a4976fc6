import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Position } from '#event-store';

/** What the log handed the read models that an intact log cannot hold. */
export type QuarantineCode =
  /** An event at a revision the entity already had, with another id: an event was removed, and another took its place. */
  | 'revision-reused'
  /** An event after a gap in the entity's revisions: events were removed before the read models saw them. */
  | 'revision-skipped'
  /** An event not chained to the one before it (its previous hash differs). */
  | 'chain-broken'
  /** An event whose data cannot be read or folded. */
  | 'undecodable-event';

/** An entity set aside: its events stop being projected, and its reads answer that it is withheld. */
export interface Quarantine {
  readonly bin: string;
  readonly code: QuarantineCode;
  /** The revision and position of the event that showed the problem. */
  readonly revision: number;
  readonly position: Position;
  readonly detail: string;
  readonly detectedAt: string;
}

export const QUARANTINE_SCHEMA = `
  CREATE TABLE quarantine (
    bin         TEXT PRIMARY KEY,
    code        TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    position    TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    detected_at TEXT    NOT NULL
  ) STRICT;`;

/**
 * The entities set aside because the log handed over something an intact log cannot hold. One
 * damaged entity never stops the others: its events are skipped from then on, and the problem
 * is reported by name (integrity answers, `cli verify`, the logs) until an operator rebuilds.
 */
export class QuarantineRegister {
  private readonly insert: StatementSync;
  private readonly select: StatementSync;
  private entries = new Map<string, Quarantine>();

  constructor(db: DatabaseSync) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO quarantine (bin, code, revision, position, detail, detected_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.select = db.prepare('SELECT * FROM quarantine ORDER BY bin');
    this.reload();
  }

  /** Reads the register again: after a transaction that set entities aside was rolled back. */
  reload(): void {
    const rows = this.select.all() as {
      bin: string;
      code: QuarantineCode;
      revision: number;
      position: Position;
      detail: string;
      detected_at: string;
    }[];
    this.entries = new Map(
      rows.map((row) => [
        row.bin,
        {
          bin: row.bin,
          code: row.code,
          revision: row.revision,
          position: row.position,
          detail: row.detail,
          detectedAt: row.detected_at,
        },
      ]),
    );
  }

  of(bin: string): Quarantine | undefined {
    return this.entries.get(bin);
  }

  all(): Quarantine[] {
    return [...this.entries.values()];
  }

  /** Sets the entity aside (inside the projection's transaction; see `reload`). */
  add(quarantine: Quarantine): void {
    this.insert.run(
      quarantine.bin,
      quarantine.code,
      quarantine.revision,
      quarantine.position,
      quarantine.detail,
      quarantine.detectedAt,
    );
    this.entries.set(quarantine.bin, quarantine);
  }
}
