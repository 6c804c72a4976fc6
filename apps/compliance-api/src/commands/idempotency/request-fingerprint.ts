import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { ComplianceCommand } from '#domain';

/**
 * What an Idempotency-Key is bound to: the method, the route, the entity and the validated
 * command, in canonical JSON (so key order, number formatting, query strings and URL encoding
 * do not matter). Taken after validation, so it never walks a hostile body.
 */
export function requestFingerprint(method: string, route: string, bin: string, command: ComplianceCommand): string {
  return createHash('sha256')
    .update(canonicalize({ method, route, bin, command }) ?? '')
    .digest('hex');
}
