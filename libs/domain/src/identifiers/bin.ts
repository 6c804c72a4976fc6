import { identifierProblem, type IdentifierProblem } from './twelve-digit-identifier.js';

/** Business identification number of a legal entity: the key of an entity's stream. */
export type Bin = string & { readonly __brand: 'Bin' };

export function parseBin(value: string): { bin: Bin } | { problem: IdentifierProblem } {
  const problem = identifierProblem(value);
  return problem === undefined ? { bin: value as Bin } : { problem };
}
