import { InvalidArgumentError } from './errors.js';
import type { EventToAppend } from './event-store.port.js';
import type { ExpectedRevision } from './expected-revision.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks an append request before any adapter touches storage, so every adapter rejects
 * the same inputs with the same error (EventStoreDB itself insists on UUID event ids).
 */
export function assertValidAppend(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidArgumentError('A stream id must be a non-empty string');
  }
  if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
    throw new InvalidArgumentError(`An exact expected revision must be a non-negative integer, got ${expected}`);
  }
  if (events.length === 0) {
    throw new InvalidArgumentError(`An append to "${streamId}" must carry at least one event`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.eventId)) {
      throw new InvalidArgumentError(`Event id "${event.eventId}" is not a UUID`);
    }
    const id = event.eventId.toLowerCase();
    if (seen.has(id)) throw new InvalidArgumentError(`Event id ${event.eventId} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0) {
      throw new InvalidArgumentError(`Event ${event.eventId} has no type`);
    }
    if (event.data === undefined) {
      throw new InvalidArgumentError(`Event ${event.eventId} has no data`);
    }
  }
}

export function assertValidCount(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) {
    throw new InvalidArgumentError(`${name} must be a non-negative integer, got ${value}`);
  }
}
