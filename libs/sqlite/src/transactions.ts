import type { DatabaseSync } from 'node:sqlite';

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if
 * it throws (keeping the original error if SQLite has already rolled back).
 */
export function inWriteTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
