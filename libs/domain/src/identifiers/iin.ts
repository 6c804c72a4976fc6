import { identifierProblem, type IdentifierProblem } from './twelve-digit-identifier.js';

/** Individual identification number of a person: personal data, never in the register view. */
export type Iin = string & { readonly __brand: 'Iin' };

export function parseIin(value: string): { iin: Iin } | { problem: IdentifierProblem } {
  const problem = identifierProblem(value);
  return problem === undefined ? { iin: value as Iin } : { problem };
}
