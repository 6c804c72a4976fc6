import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

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

/**
 * INSERTs of many rows: one statement per chunk of up to `MAX_ROWS` rows, prepared once per
 * chunk size, because a statement per row costs more than the row itself.
 */
export class MultiRowInsert {
  static readonly MAX_ROWS = 100;
  private readonly statements = new Map<number, StatementSync>();

  /** `into`: `table (column, ...)`, with `columns` columns. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly into: string,
    private readonly columns: number,
  ) {}

  /** The statement inserting `rows` rows (at most MAX_ROWS) of flattened values. */
  statement(rows: number): StatementSync {
    let statement = this.statements.get(rows);
    if (statement === undefined) {
      const row = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`;
      statement = this.db.prepare(
        `INSERT INTO ${this.into} VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
      );
      this.statements.set(rows, statement);
    }
    return statement;
  }

  /** Inserts the rows, a chunk at a time. */
  run(rows: readonly (readonly SQLInputValue[])[]): void {
    for (let start = 0; start < rows.length; start += MultiRowInsert.MAX_ROWS) {
      const chunk = rows.slice(start, start + MultiRowInsert.MAX_ROWS);
      this.statement(chunk.length).run(...chunk.flat());
    }
  }
}
