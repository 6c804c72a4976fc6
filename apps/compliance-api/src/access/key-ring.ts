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
  private readonly byRequest = new WeakMap<object, Caller | null>();

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

  /**
   * The caller of a request, by its bearer key, or `undefined` without a known key. Identified
   * once per request: the rate limit and the access guard both ask.
   */
  callerOf(request: { readonly headers: { readonly authorization?: unknown } }): Caller | undefined {
    let caller = this.byRequest.get(request);
    if (caller === undefined) {
      const key = bearerKey(request.headers.authorization);
      caller = (key === undefined ? undefined : this.identify(key)) ?? null;
      this.byRequest.set(request, caller);
    }
    return caller ?? undefined;
  }

  /** The caller a bearer key belongs to, or `undefined` for a key the service does not know. */
  identify(key: string): Caller | undefined {
    // looked up by hash: what the lookup's timing could reveal is about the hash, not the key
    return this.byHash.get(hashKey(key));
  }
}

/** The key of an `Authorization: Bearer <key>` header, however the scheme is spelled. */
export function bearerKey(header: unknown): string | undefined {
  return typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header.trim())?.[1] : undefined;
}
