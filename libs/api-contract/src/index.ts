import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './compliance-api.js';

export type { components, operations, paths } from './compliance-api.js';

/** A schema of the document by its name (`ApiSchema<'RegisterView'>`). */
export type ApiSchema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * A typed client of the API (openapi-fetch over the generated types): every path, parameter,
 * body and answer is checked by the compiler against the document. Without a key, it calls
 * what the service may open to anyone (the register, in public mode).
 */
export function complianceApiClient(
  baseUrl: string,
  apiKey: string | undefined,
  fetch?: typeof globalThis.fetch,
): Client<paths> {
  return createClient<paths>({
    baseUrl,
    headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
    ...(fetch === undefined ? {} : { fetch }),
  });
}
