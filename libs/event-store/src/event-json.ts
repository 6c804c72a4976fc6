import { InvalidArgumentError } from './errors.js';

/** UUIDs are stored in lower case, so the same id in another case is the same id (as in EventStoreDB). */
export function storedEventId(eventId: string): string {
  return eventId.toLowerCase();
}

/** An event's data or metadata as JSON text; what JSON cannot hold is the caller's mistake. */
export function eventJson(value: unknown, eventId: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new InvalidArgumentError(`Event ${eventId} holds data that is not JSON: ${(error as Error).message}`);
  }
  if (json === undefined) throw new InvalidArgumentError(`Event ${eventId} holds data that is not JSON`);
  return json;
}
