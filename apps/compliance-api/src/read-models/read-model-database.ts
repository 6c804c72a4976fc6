import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Position } from '#event-store';
import { inWriteTransaction, migrate } from '#event-store/sqlite';

/**
 * The read models: local to each API process (also when events live in EventStoreDB), fed
 * by the projections, and rebuilt from the log whenever needed. Migrations are numbered by
 * `PRAGMA user_version`.
 */
const MIGRATIONS: readonly string[] = [
  // entity_events and changes are clustered on their keys (WITHOUT ROWID): one b-tree write
  // per row instead of two, which makes rebuilds about 1.2x faster
  `CREATE TABLE checkpoints (
     projection TEXT PRIMARY KEY,
     position   TEXT NOT NULL
   ) STRICT;
   CREATE TABLE entities (
     bin           TEXT PRIMARY KEY,
     revision      INTEGER NOT NULL,
     last_position TEXT NOT NULL
   ) STRICT;
   CREATE TABLE entity_events (
     bin         TEXT    NOT NULL,
     revision    INTEGER NOT NULL,
     position    TEXT    NOT NULL,
     event_id    TEXT    NOT NULL,
     type        TEXT    NOT NULL,
     recorded_at TEXT    NOT NULL,
     data        TEXT    NOT NULL,
     PRIMARY KEY (bin, revision)
   ) STRICT, WITHOUT ROWID;
   CREATE TABLE ratings (
     bin        TEXT PRIMARY KEY,
     name       TEXT NOT NULL,
     sector     TEXT,
     region     TEXT,
     certified  INTEGER NOT NULL,
     score      REAL NOT NULL,
     grade      TEXT NOT NULL,
     clear_wave INTEGER NOT NULL,
     rated_at   TEXT NOT NULL,
     stale      INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX ratings_stale ON ratings (stale) WHERE stale = 1;
   CREATE TABLE changes (
     position TEXT PRIMARY KEY,
     bin      TEXT NOT NULL
   ) STRICT, WITHOUT ROWID;`,
  // the register view the rating was taken from (stored-view.ts), served until valid_until
  // (epoch ms, registerViewStableUntil) or the next event
  `ALTER TABLE ratings ADD COLUMN view TEXT;
   ALTER TABLE ratings ADD COLUMN valid_until INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX ratings_valid_until ON ratings (valid_until) WHERE stale = 0;`,
  // what the stored ratings and views were computed with (RatingsRefresher)
  `CREATE TABLE settings (
     name  TEXT PRIMARY KEY,
     value TEXT NOT NULL
   ) STRICT;`,
];

export class ReadModelDatabase {
  private readonly saveCheckpoint: StatementSync;

  private constructor(readonly db: DatabaseSync) {
    this.saveCheckpoint = db.prepare(
      `INSERT INTO checkpoints (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position`,
    );
  }

  /**
   * `bulk`: for a rebuild into a file that is thrown away unless it completes, skip the
   * per-commit durability work; `finishBulk` makes the file durable before it is used.
   */
  static open(filename: string, options: { bulk?: boolean } = {}): ReadModelDatabase {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    const db = new DatabaseSync(filename);
    db.exec('PRAGMA busy_timeout = 2000; PRAGMA cache_size = -65536');
    // a bulk build writes each page once, straight into its file: no write-ahead log to copy
    // from, no per-commit durability (finishBulk makes the file durable and WAL)
    db.exec(
      options.bulk
        ? 'PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF'
        : 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL',
    );
    try {
      migrate(db, MIGRATIONS);
    } catch (error) {
      db.close();
      throw error;
    }
    return new ReadModelDatabase(db);
  }

  checkpoint(projection: string): Position | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoints WHERE projection = ?').get(projection) as
      { position: string } | undefined;
    return row?.position as Position | undefined;
  }

  /** Runs `work` and moves the checkpoint in one transaction: applied exactly once, even across kill -9. */
  applyAndCheckpoint(projection: string, position: Position, work: () => void): void {
    this.transaction(() => {
      work();
      this.saveCheckpoint.run(projection, position);
    });
  }

  /** Runs `work` in one write transaction. */
  transaction(work: () => void): void {
    inWriteTransaction(this.db, work);
  }

  /** Puts a bulk build in WAL mode, like any read-model file (the caller makes the file durable). */
  finishBulk(): void {
    const { journal_mode: mode } = this.db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
    if (mode !== 'wal') throw new Error(`The rebuilt read models could not be put in WAL mode (${mode})`);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
