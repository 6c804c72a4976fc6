import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Position } from '#event-store';
import { finishBulk, inWriteTransaction, openDatabase } from '#sqlite';

/**
 * The read models' file: local to each API process (also when events live on a server), fed
 * by the projection, and thrown away and rebuilt from the log whenever what it derives
 * changes. It carries no migrations: a file derived under other settings (another methodology,
 * a release that derives the views otherwise, a new table) is emptied at start-up and replayed.
 */
export class ReadModelDatabase {
  private readonly selectCheckpoint: StatementSync;
  private readonly saveCheckpoint: StatementSync;
  private applied: number | undefined;

  private constructor(
    readonly db: DatabaseSync,
    /** Why the file was emptied when opened, if it was. */
    readonly reset: string | undefined,
  ) {
    this.selectCheckpoint = db.prepare("SELECT position, events FROM checkpoint WHERE name = 'read-models'");
    this.saveCheckpoint = db.prepare(
      "INSERT INTO checkpoint (name, position, events) VALUES ('read-models', ?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position, events = excluded.events",
    );
  }

  /**
   * Opens the file, emptying it if it was derived from anything but `derivation` (the tables'
   * definitions and every setting the views depend on: see read-models.ts).
   *
   * `bulk`: for a rebuild into a file thrown away unless it completes, skip the per-commit
   * durability work; `finishBulk` makes it a normal file before it is used.
   */
  static open(filename: string, derivation: Derivation, options: { bulk?: boolean } = {}): ReadModelDatabase {
    const db = openDatabase(filename, { mode: options.bulk ? 'bulk' : 'wal' });
    try {
      const reset = inWriteTransaction(db, () => {
        if (derivedFrom(db) === derivation.fingerprint) return undefined;
        const tables = db
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .all() as { name: string }[];
        for (const { name } of tables) db.exec(`DROP TABLE "${name}"`);
        db.exec(derivation.schema);
        db.exec(`CREATE TABLE derivation (fingerprint TEXT NOT NULL) STRICT;
                 CREATE TABLE checkpoint (name TEXT PRIMARY KEY, position TEXT NOT NULL, events INTEGER NOT NULL) STRICT;`);
        db.prepare('INSERT INTO derivation (fingerprint) VALUES (?)').run(derivation.fingerprint);
        return tables.length === 0 ? undefined : 'they were derived with other settings or by another release';
      });
      return new ReadModelDatabase(db, reset);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  checkpoint(): Position | undefined {
    const row = this.selectCheckpoint.get() as { position: string } | undefined;
    return row?.position as Position | undefined;
  }

  /**
   * How many events of the log the read models have applied: the size of the log every answer
   * they give rests on (a checkpoint of the transparency log of at least this size covers it).
   */
  logSize(): number {
    this.applied ??= (this.selectCheckpoint.get() as { events: number } | undefined)?.events ?? 0;
    return this.applied;
  }

  /**
   * Runs `work` and moves the checkpoint past `events` more events of the log, in one
   * transaction: applied exactly once, even across kill -9.
   */
  applyAndCheckpoint(position: Position, events: number, work: () => void): void {
    const logSize = this.logSize() + events;
    this.transaction(() => {
      work();
      this.saveCheckpoint.run(position, logSize);
    });
    this.applied = logSize;
  }

  /** Runs `work` in one write transaction. */
  transaction<T>(work: () => T): T {
    return inWriteTransaction(this.db, work);
  }

  /** Puts a bulk build in WAL mode, like any read-model file (the caller makes the file durable). */
  finishBulk(): void {
    finishBulk(this.db);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/** What a read-model file is derived with: its tables, and a fingerprint of every setting. */
export interface Derivation {
  readonly schema: string;
  readonly fingerprint: string;
}

function derivedFrom(db: DatabaseSync): string | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'derivation'").get();
  if (table === undefined) return undefined;
  return (db.prepare('SELECT fingerprint FROM derivation').get() as { fingerprint: string } | undefined)?.fingerprint;
}
