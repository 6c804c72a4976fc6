import { Injectable } from '@nestjs/common';
import type { StatementSync } from 'node:sqlite';
import type { Position } from '#event-store';
import { ReadModelDatabase } from './read-model-database.js';

export interface Change {
  readonly position: Position;
  readonly bin: string;
}

/** Which entities changed, in log order: the register's changes feed. */
@Injectable()
export class ChangesLog {
  private readonly select: StatementSync;

  constructor(database: ReadModelDatabase) {
    this.select = database.db.prepare('SELECT position, bin FROM changes WHERE position > ? ORDER BY position LIMIT ?');
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
