import { createHash } from 'node:crypto';
import type { ComplianceCommand } from '#domain';
import { canonicalJson } from '#event-log';

/**
 * What an Idempotency-Key is bound to: the method, the route, the entity and the validated
 * command, in canonical JSON (so key order, number formatting, query strings and URL encoding
 * do not matter). Taken after validation, so it never walks a hostile body.
 */
export function requestFingerprint(method: string, route: string, bin: string, command: ComplianceCommand): string {
  return createHash('sha256').update(canonicalJson({ method, route, bin, command })).digest('hex');
}
