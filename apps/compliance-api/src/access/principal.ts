import type { Recorder } from '#event-log';

/**
 * Who is making a request. API keys and roles arrive with the access-control work (issue 5);
 * until then every request is made by this placeholder, and events say so in `recordedBy`.
 */
export type Principal = Recorder;

export const UNAUTHENTICATED: Principal = Object.freeze({ id: 'unauthenticated', role: 'unauthenticated' });

export function principalOf(request: { principal?: Principal }): Principal {
  return request.principal ?? UNAUTHENTICATED;
}
