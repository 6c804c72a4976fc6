import { InvalidArgumentError } from './errors.js';
import type { EventToAppend, ReadStreamOptions } from './event-store.port.js';
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

/** What a `readStream` call asks for, checked: which way, from which revision (inclusive), how many. */
export interface StreamRange {
  readonly backwards: boolean;
  readonly fromRevision: number;
  readonly maxCount: number | undefined;
}

/** The range a read of a stream covers, or `undefined` when it covers nothing (forwards from the end). */
export function streamRange(options: ReadStreamOptions): StreamRange | undefined {
  assertValidCount('maxCount', options.maxCount);
  const from = options.fromRevision;
  if (typeof from === 'number') assertValidCount('fromRevision', from);
  const { maxCount } = options;
  if (options.direction === 'backwards') {
    const fromRevision = from === undefined || from === 'end' ? Number.MAX_SAFE_INTEGER : from === 'start' ? 0 : from;
    return { backwards: true, fromRevision, maxCount };
  }
  if (from === 'end') return undefined;
  return { backwards: false, fromRevision: from === undefined || from === 'start' ? 0 : from, maxCount };
}
