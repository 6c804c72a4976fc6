import type { RuleViolation } from '#domain';

/** Base class of the outcomes of a write that record nothing, so callers can tell them from bugs. */
export abstract class WriteRefusedError extends Error {
  abstract readonly code: string;
}

/** The decider refused the fact: a rule of the record is broken. */
export class FactRefusedError extends WriteRefusedError {
  readonly code = 'FACT_REFUSED';

  constructor(readonly violation: RuleViolation) {
    super(violation.message);
    this.name = 'FactRefusedError';
  }
}

/** The writer asked for a revision (If-Match) the entity is no longer, or not yet, at. */
export class RevisionMismatchError extends WriteRefusedError {
  readonly code = 'REVISION_MISMATCH';

  constructor(
    readonly expected: number,
    readonly actual: number | 'no_stream',
  ) {
    super(
      `Expected revision ${expected}, but the entity ${actual === 'no_stream' ? 'has no events' : `is at revision ${actual}`}`,
    );
    this.name = 'RevisionMismatchError';
  }
}

/** Too many writers raced on one entity: every attempt found the stream moved on. */
export class WriteContentionError extends WriteRefusedError {
  readonly code = 'WRITE_CONTENTION';

  constructor(readonly attempts: number) {
    super(`Gave up after ${attempts} attempts: other writes to this entity kept getting in first`);
    this.name = 'WriteContentionError';
  }
}

/** An idempotency key came back with a request other than the one it was first sent with. */
export class IdempotencyKeyReusedError extends WriteRefusedError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor() {
    super('This idempotency key was first sent with a different request');
    this.name = 'IdempotencyKeyReusedError';
  }
}
