import type { DatabaseSync } from 'node:sqlite';
import { inWriteTransaction } from './transactions.js';

/**
 * Brings a database's schema up to date: the steps after `PRAGMA user_version`, in one write
 * transaction, so two processes opening the same file never migrate it twice. Never edit a
 * shipped step; add one.
 */
export function migrate(db: DatabaseSync, steps: readonly string[]): void {
  inWriteTransaction(db, () => {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
    if (version > steps.length) {
      throw new Error(`The database is at schema version ${version}, newer than this build knows (${steps.length})`);
    }
    steps.slice(version).forEach((step) => db.exec(step));
    db.exec(`PRAGMA user_version = ${steps.length}`);
  });
}
