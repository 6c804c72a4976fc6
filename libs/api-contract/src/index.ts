import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './compliance-api.js';

export type { components, operations, paths } from './compliance-api.js';

/** A response body of the API by its schema's name in the document (`ApiSchema<'RegisterView'>`). */
export type ApiSchema<Name extends keyof import('./compliance-api.js').components['schemas']> =
  import('./compliance-api.js').components['schemas'][Name];

/**
 * A typed client of the API (openapi-fetch over the generated types): every path, parameter,
 * body and answer is checked by the compiler against the document.
 */
export function complianceApiClient(baseUrl: string, apiKey: string, fetch?: typeof globalThis.fetch): Client<paths> {
  return createClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}` },
    ...(fetch === undefined ? {} : { fetch }),
  });
}
