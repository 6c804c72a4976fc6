import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { inWriteTransaction, openDatabase } from '#sqlite';

const MIGRATIONS = [
  `CREATE TABLE checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL, made_at TEXT NOT NULL) STRICT;
   CREATE TABLE cosignatures (size INTEGER NOT NULL REFERENCES checkpoints (size), witness TEXT NOT NULL,
                              line TEXT NOT NULL, PRIMARY KEY (size, witness)) STRICT;`,
];

/** A signed checkpoint as kept: the log's note, and the witnesses' cosignature lines. */
export interface KeptCheckpoint {
  readonly size: number;
  /** The checkpoint's text and the log's signature line. */
  readonly note: string;
  readonly madeAt: string;
  readonly cosignatures: readonly string[];
}

/**
 * Every checkpoint the log signed, with the cosignatures witnesses sent for it, in a file of
 * its own: they are statements published to the world, never derived again (a rebuild of the
 * tree leaves them be, so a rebuilt tree that disagrees with them shows).
 */
export class CheckpointsFile {
  private readonly selectLatest: StatementSync;
  private readonly selectAt: StatementSync;
  private readonly selectCosignatures: StatementSync;

  private constructor(private readonly db: DatabaseSync) {
    this.selectLatest = db.prepare('SELECT size, note, made_at FROM checkpoints ORDER BY size DESC LIMIT 1');
    this.selectAt = db.prepare('SELECT size, note, made_at FROM checkpoints WHERE size = ?');
    this.selectCosignatures = db.prepare('SELECT line FROM cosignatures WHERE size = ? ORDER BY witness');
  }

  static open(filename: string): CheckpointsFile {
    return new CheckpointsFile(openDatabase(filename, { migrations: MIGRATIONS }));
  }

  latest(): KeptCheckpoint | undefined {
    return this.kept(this.selectLatest.get());
  }

  at(size: number): KeptCheckpoint | undefined {
    return this.kept(this.selectAt.get(size));
  }

  /** Keeps a checkpoint; one of the same size is never replaced. */
  add(size: number, note: string, madeAt: Date): void {
    this.db
      .prepare('INSERT INTO checkpoints (size, note, made_at) VALUES (?, ?, ?)')
      .run(size, note, madeAt.toISOString());
  }

  /** Keeps a witness's cosignature of a kept checkpoint, replacing its earlier one. */
  addCosignatures(size: number, lines: readonly { witness: string; line: string }[]): void {
    inWriteTransaction(this.db, () => {
      const insert = this.db.prepare('INSERT OR REPLACE INTO cosignatures (size, witness, line) VALUES (?, ?, ?)');
      for (const { witness, line } of lines) insert.run(size, witness, line);
    });
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private kept(row: unknown): KeptCheckpoint | undefined {
    if (row === undefined) return undefined;
    const { size, note, made_at } = row as { size: number; note: string; made_at: string };
    const cosignatures = (this.selectCosignatures.all(size) as { line: string }[]).map((r) => r.line);
    return { size, note, madeAt: made_at, cosignatures };
  }
}
