import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate } from './migrations.js';

/**
 * How long a statement waits for another connection's write lock before failing, for every
 * database of the service. node:sqlite is synchronous, so the wait blocks the event loop: it
 * is kept to the time a read waits for its own write (`minPosition`). A lock held longer than
 * that (another process stuck mid-transaction) is an operational fault better answered with
 * an error than with a frozen process.
 */
export const BUSY_TIMEOUT_MS = 2000;

/** The page cache of each connection, in KiB (SQLite's negative `cache_size`). */
const CACHE_KIB = 65_536;

export interface OpenDatabaseOptions {
  /**
   * `wal`: the normal mode, readers never block the writer; `bulk`: a file built in one go and
   * thrown away unless complete (no journal, no syncs), turned into `wal` by `finishBulk`.
   */
  readonly mode?: 'wal' | 'bulk';
  /** `normal` survives a crash of the process; `full` also a power cut (WAL mode only). */
  readonly synchronous?: 'normal' | 'full';
  /** Only takes effect on a new file. */
  readonly pageSize?: number;
  /** Schema steps applied in order (see `migrate`). */
  readonly migrations?: readonly string[];
}

/**
 * Opens (creating its folder) a SQLite database with the settings every database of the
 * service shares: one busy timeout, a page cache, WAL or bulk mode, then its migrations.
 */
export function openDatabase(filename: string, options: OpenDatabaseOptions = {}): DatabaseSync {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const db = new DatabaseSync(filename);
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (options.pageSize !== undefined) db.exec(`PRAGMA page_size = ${options.pageSize}`);
    db.exec(`PRAGMA cache_size = -${CACHE_KIB}`);
    db.exec(
      options.mode === 'bulk'
        ? 'PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF'
        : `PRAGMA journal_mode = WAL; PRAGMA synchronous = ${(options.synchronous ?? 'normal').toUpperCase()}`,
    );
    if (options.migrations !== undefined) migrate(db, options.migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Puts a database built in `bulk` mode in WAL mode, like every other (the caller syncs the file). */
export function finishBulk(db: DatabaseSync): void {
  const { journal_mode: mode } = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
  if (mode !== 'wal') throw new Error(`The database could not be put in WAL mode (${mode})`);
}
