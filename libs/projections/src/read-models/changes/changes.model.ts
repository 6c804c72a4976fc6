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
    position TEXT NOT NULL,
    bin      TEXT NOT NULL,
    PRIMARY KEY (position, bin)
  ) STRICT, WITHOUT ROWID;`;

/**
 * Which entities' register views changed, in log order: the register's changes feed. An event
 * changes its own entity's view, and may change others' (a conviction changes the view of every
 * entity where the person holds office): those are listed at the event's position too.
 */
export class ChangesModel {
  private readonly insert: MultiRowInsert;
  private readonly select: StatementSync;
  private readonly selectAt: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = new MultiRowInsert(db, 'changes (position, bin)', 2);
    this.select = db.prepare('SELECT position, bin FROM changes WHERE position > ? ORDER BY position, bin LIMIT ?');
    this.selectAt = db.prepare('SELECT position, bin FROM changes WHERE position = ? AND bin > ? ORDER BY bin');
  }

  apply(events: readonly EntityEvent[], alsoChanged: readonly Change[] = []): void {
    // an entity changed by a conviction may also be the one whose event it is listed at
    const rows = new Map<string, readonly [Position, string]>();
    for (const { position, bin } of [...events, ...alsoChanged]) rows.set(`${position}@${bin}`, [position, bin]);
    this.insert.run([...rows.values()]);
  }

  /**
   * The entities changed after `after`, looking at most `limit` changes ahead; an entity
   * changed several times in that span appears once, at its latest position.
   */
  after(after: Position | undefined, limit: number): { changes: Change[]; scannedUpTo: Position | undefined } {
    const rows = this.select.all(after ?? '', limit) as unknown as Change[];
    const last = rows.at(-1);
    // a page ends with the whole of its last position: the next page starts after it
    if (last !== undefined && rows.length === limit)
      rows.push(...(this.selectAt.all(last.position, last.bin) as unknown as Change[]));
    const latest = new Map<string, Change>();
    for (const row of rows) {
      latest.delete(row.bin);
      latest.set(row.bin, row);
    }
    return { changes: [...latest.values()], scannedUpTo: rows.at(-1)?.position ?? after };
  }
}
