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

/**
 * Brings a database's schema up to date: the steps after `PRAGMA user_version`, in one write
 * transaction, so two processes opening the same file never migrate it twice. Never edit a
 * shipped step; add one.
 */
export function migrate(db: DatabaseSync, steps: readonly string[]): void {
  inWriteTransaction(db, () => {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    steps.slice(version).forEach((step) => db.exec(step));
    db.exec(`PRAGMA user_version = ${steps.length}`);
  });
}
