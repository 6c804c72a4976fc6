import type { Quarantine } from '#projections';
import { ProblemError } from '../http/problem-details/problem.js';

export function entityNotFound(bin: string, detail = `No entity is registered with BIN ${bin}`): ProblemError {
  return new ProblemError('entity-not-registered', detail);
}

/**
 * The entity's events are set aside: the log handed over something an intact log cannot hold.
 * Nothing derived from them is served until an operator has looked (see its integrity answer).
 */
export function entityWithheld(quarantine: Quarantine): ProblemError {
  return new ProblemError(
    'entity-quarantined',
    `The entity was set aside at revision ${quarantine.revision} (${quarantine.code}); GET /v1/entities/${quarantine.bin}/integrity says more`,
    { code: quarantine.code },
  );
}
