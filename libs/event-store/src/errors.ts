import type { ActualRevision, ExpectedRevision } from './expected-revision.js';

/** Base class of every error the event store port defines, so callers can tell them from bugs. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the revision the caller expected: someone else appended first. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`Stream "${streamId}" expected at revision ${String(expected)} but is at ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id is already stored, but not as part of an identical earlier append. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';

  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(`Event id ${eventId} is already stored and cannot be appended to "${streamId}" again`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The caller passed something the port cannot accept (an empty batch, a malformed id...). */
export class InvalidArgumentError extends EventStoreError {
  readonly code = 'INVALID_ARGUMENT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** The store was closed; no further reads or writes are possible. */
export class EventStoreClosedError extends EventStoreError {
  readonly code = 'EVENT_STORE_CLOSED';

  constructor() {
    super('The event store is closed');
    this.name = 'EventStoreClosedError';
  }
}
