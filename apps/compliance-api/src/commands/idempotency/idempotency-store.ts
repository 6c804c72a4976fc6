import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { WriteResult } from '#event-log';
import { GroupCommit, openDatabase } from '#sqlite';

/** What a key was found to be bound to when a request claimed it. */
export type Claim =
  | { readonly state: 'new' }
  /** Claimed by a request that is still being answered, or that a crash cut off. */
  | { readonly state: 'pending'; readonly fingerprint: string }
  | { readonly state: 'answered'; readonly fingerprint: string; readonly result: WriteResult };

/**
 * Binds each caller's Idempotency-Key to the first request that claims it, and remembers that
 * request's answer, durably: a retry after a restart still gets the original answer. The claim
 * is taken before the write, so two different requests racing with one key cannot both write.
 * Kept beside the read models (local to each API process); the event log carries the key too,
 * so a write whose answer was never remembered is still recognised from its event. The claims
 * and answers of concurrent requests are committed together (GroupCommit).
 */
export class IdempotencyStore {
  private readonly insert: StatementSync;
  private readonly find: StatementSync;
  private readonly answer: StatementSync;
  private readonly unclaim: StatementSync;
  private readonly writes: GroupCommit;

  private constructor(private readonly db: DatabaseSync) {
    this.writes = new GroupCommit(db);
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      principal   TEXT    NOT NULL,
      key         TEXT    NOT NULL,
      fingerprint TEXT    NOT NULL,
      result      TEXT,
      created     INTEGER NOT NULL,
      PRIMARY KEY (principal, key)
    ) STRICT`);
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO idempotency_keys (principal, key, fingerprint, result, created) VALUES (?, ?, ?, NULL, ?)',
    );
    this.find = db.prepare('SELECT fingerprint, result FROM idempotency_keys WHERE principal = ? AND key = ?');
    this.answer = db.prepare('UPDATE idempotency_keys SET result = ? WHERE principal = ? AND key = ?');
    this.unclaim = db.prepare(
      'DELETE FROM idempotency_keys WHERE principal = ? AND key = ? AND fingerprint = ? AND result IS NULL',
    );
  }

  static open(filename: string): IdempotencyStore {
    return new IdempotencyStore(openDatabase(filename));
  }

  /** Claims the key for this request (durably), or says what it is already bound to. */
  claim(principal: string, key: string, fingerprint: string): Promise<Claim> {
    return this.writes.submit((): Claim => {
      if (this.insert.run(principal, key, fingerprint, Date.now()).changes === 1) return { state: 'new' };
      const row = this.find.get(principal, key) as { fingerprint: string; result: string | null };
      return row.result === null
        ? { state: 'pending', fingerprint: row.fingerprint }
        : { state: 'answered', fingerprint: row.fingerprint, result: JSON.parse(row.result) as WriteResult };
    });
  }

  /** Remembers the answer of the request that claimed the key. */
  async remember(principal: string, key: string, result: WriteResult): Promise<void> {
    await this.writes.submit(() => this.answer.run(JSON.stringify(result), principal, key));
  }

  /** Frees a claim whose request wrote nothing, so the key may serve another request. */
  async release(principal: string, key: string, fingerprint: string): Promise<void> {
    await this.writes.submit(() => this.unclaim.run(principal, key, fingerprint));
  }

  close(): void {
    this.writes.commit();
    if (this.db.isOpen) this.db.close();
  }
}
