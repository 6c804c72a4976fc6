import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { WriteResult } from '#event-log';

export interface RememberedWrite {
  readonly fingerprint: string;
  readonly result: WriteResult;
}

/**
 * Remembers, per caller and Idempotency-Key, the request a key first came with and the write
 * it produced, durably: a retry after a restart still gets the original answer. Kept beside
 * the read models (local to each API process); the event log itself carries the key too, so
 * a write whose answer was lost in a crash is recognised from its event (see the handler).
 */
export class IdempotencyStore {
  private readonly find: StatementSync;
  private readonly insert: StatementSync;

  private constructor(private readonly db: DatabaseSync) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      principal   TEXT    NOT NULL,
      key         TEXT    NOT NULL,
      fingerprint TEXT    NOT NULL,
      result      TEXT    NOT NULL,
      created     INTEGER NOT NULL,
      PRIMARY KEY (principal, key)
    ) STRICT`);
    this.find = db.prepare('SELECT fingerprint, result FROM idempotency_keys WHERE principal = ? AND key = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO idempotency_keys (principal, key, fingerprint, result, created) VALUES (?, ?, ?, ?, ?)',
    );
  }

  static open(filename: string): IdempotencyStore {
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
    const db = new DatabaseSync(filename);
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 2000');
    return new IdempotencyStore(db);
  }

  recall(principal: string, key: string): RememberedWrite | undefined {
    const row = this.find.get(principal, key) as { fingerprint: string; result: string } | undefined;
    return row && { fingerprint: row.fingerprint, result: JSON.parse(row.result) as WriteResult };
  }

  /** Keeps the first answer given for a key; a later one for the same key is ignored. */
  remember(principal: string, key: string, write: RememberedWrite): void {
    this.insert.run(principal, key, write.fingerprint, JSON.stringify(write.result), Date.now());
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
