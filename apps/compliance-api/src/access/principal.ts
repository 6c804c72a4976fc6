import type { Recorder } from '#event-log';
import type { Caller } from './key-ring.js';

/** Who made a request, as events record it (`recordedBy`): the key's id and role. */
export type Principal = Recorder;

/** The caller the access guard identified; every endpoint that records anything has one. */
export function principalOf(request: { principal?: Caller }): Principal {
  const caller = request.principal;
  if (!caller) throw new Error('No caller on the request: is the access guard installed?');
  return { id: caller.id, role: caller.role };
}
