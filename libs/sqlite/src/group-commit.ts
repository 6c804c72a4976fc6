import type { DatabaseSync } from 'node:sqlite';
import { inWriteTransaction } from './transactions.js';

type Outcome = { readonly value: unknown } | { readonly error: unknown };

interface PendingWrite {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the writes submitted during one turn of the event loop (those of concurrent
 * requests) are committed in one transaction after the turn, each in a savepoint of its own,
 * so one that fails (a wrong expected revision) takes nothing else with it. Every write
 * resolves only once the transaction has committed, and if the commit fails, all of them fail
 * and nothing is written. A write submitted alone costs one transaction, as before; under load
 * the cost of a commit (its write-ahead-log frames) is shared.
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];

  constructor(
    private readonly db: DatabaseSync,
    private readonly afterCommit: () => void = () => {},
  ) {}

  /** Runs `work` (synchronous SQLite writes) in the next group's transaction; resolves after its commit. */
  submit<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.commit());
    });
  }

  /** Commits the pending writes now: after the turn, and before the database closes. */
  commit(): void {
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    let outcomes: Outcome[];
    try {
      outcomes = inWriteTransaction(this.db, () =>
        batch.length === 1 ? [{ value: batch[0].work() }] : batch.map(({ work }) => this.inSavepoint(work)),
      );
    } catch (error) {
      for (const { reject } of batch) reject(error);
      return;
    }
    this.afterCommit();
    batch.forEach(({ resolve, reject }, i) => {
      const outcome = outcomes[i];
      if ('value' in outcome) resolve(outcome.value);
      else reject(outcome.error);
    });
  }

  private inSavepoint(work: () => unknown): Outcome {
    this.db.exec('SAVEPOINT write');
    try {
      const value = work();
      this.db.exec('RELEASE write');
      return { value };
    } catch (error) {
      // some errors (a full disk, I/O) roll the whole transaction back: then all of the group fails, with this cause
      if (!this.db.isTransaction) throw error;
      this.db.exec('ROLLBACK TO write; RELEASE write');
      return { error };
    }
  }
}
