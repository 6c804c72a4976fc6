import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Position } from '#event-store';
import { MultiRowInsert } from '#sqlite';
import type { EntityEvent } from '../entity-records/entity-event.js';

export interface Change {
  readonly position: Position;
  readonly bin: string;
}

export const CHANGES_SCHEMA = `
  CREATE TABLE changes (
    position TEXT PRIMARY KEY,
    bin      TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;`;

/** Which entities changed, in log order: the register's changes feed. */
export class ChangesModel {
  private readonly insert: MultiRowInsert;
  private readonly select: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = new MultiRowInsert(db, 'changes (position, bin)', 2);
    this.select = db.prepare('SELECT position, bin FROM changes WHERE position > ? ORDER BY position LIMIT ?');
  }

  apply(events: readonly EntityEvent[]): void {
    this.insert.run(events.map((event) => [event.position, event.bin]));
  }

  /**
   * The entities changed after `after`, looking at most `limit` changes ahead; an entity
   * changed several times in that span appears once, at its latest position.
   */
  after(after: Position | undefined, limit: number): { changes: Change[]; scannedUpTo: Position | undefined } {
    const rows = this.select.all(after ?? '', limit) as unknown as Change[];
    const latest = new Map<string, Change>();
    for (const row of rows) {
      latest.delete(row.bin);
      latest.set(row.bin, row);
    }
    return { changes: [...latest.values()], scannedUpTo: rows.at(-1)?.position ?? after };
  }
}
