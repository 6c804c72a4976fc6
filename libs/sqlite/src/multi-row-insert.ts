import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';

/**
 * INSERTs of many rows: one statement per chunk of up to `MAX_ROWS` rows, prepared once per
 * chunk size, because a statement per row costs more than the row itself.
 */
export class MultiRowInsert {
  static readonly MAX_ROWS = 100;
  private readonly statements = new Map<number, StatementSync>();

  /** `into`: `table (column, ...)`, with `columns` columns; `verb`: `INSERT` or `INSERT OR REPLACE`. */
  constructor(
    private readonly db: DatabaseSync,
    private readonly into: string,
    private readonly columns: number,
    private readonly verb: 'INSERT' | 'INSERT OR REPLACE' = 'INSERT',
  ) {}

  /** The statement inserting `rows` rows (at most MAX_ROWS) of flattened values. */
  statement(rows: number): StatementSync {
    let statement = this.statements.get(rows);
    if (statement === undefined) {
      const row = `(${Array.from({ length: this.columns }, () => '?').join(', ')})`;
      statement = this.db.prepare(
        `${this.verb} INTO ${this.into} VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
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
