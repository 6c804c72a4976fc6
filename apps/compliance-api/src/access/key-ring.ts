import { Logger } from '@nestjs/common';
import { hashKey, newApiKey, type ApiKeyRecord } from './api-keys.js';
import type { Role } from './roles.js';

/** Who is calling: the key's id and role, and for an officer the entities it covers. */
export interface Caller {
  readonly id: string;
  readonly role: Role;
  readonly bins: ReadonlySet<string>;
}

/** The keys the service accepts, by the hash of the key (the key itself is never kept). */
export class KeyRing {
  private readonly byHash: ReadonlyMap<string, Caller>;

  constructor(records: readonly ApiKeyRecord[]) {
    this.byHash = new Map(
      records.map((record) => [record.sha256, { id: record.id, role: record.role, bins: new Set(record.bins ?? []) }]),
    );
  }

  /**
   * Development without a keys file: one admin key, made up now and printed once, valid until
   * the process ends. Production refuses to start without a keys file (see the configuration).
   */
  static forDevelopment(logger: Pick<Logger, 'warn'>): KeyRing {
    const key = newApiKey();
    logger.warn(`No API_KEYS_FILE: generated a development admin key for this run only. Authorization: Bearer ${key}`);
    return new KeyRing([{ id: 'development-admin', role: 'admin', sha256: hashKey(key) }]);
  }

  /** The caller a bearer key belongs to, or `undefined` for a key the service does not know. */
  identify(key: string): Caller | undefined {
    // looked up by hash: what the lookup's timing could reveal is about the hash, not the key
    return this.byHash.get(hashKey(key));
  }
}
