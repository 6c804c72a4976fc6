import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { ComplianceCommand } from '#domain';

/**
 * What an Idempotency-Key is bound to: the method, the path and the validated command, in
 * canonical JSON (so key order and number formatting in the body do not matter). Taken
 * after validation, so it never walks a hostile, arbitrarily deep body.
 */
export function requestFingerprint(method: string, url: string, command: ComplianceCommand): string {
  return createHash('sha256')
    .update(canonicalize({ method, url, command }) ?? '')
    .digest('hex');
}
