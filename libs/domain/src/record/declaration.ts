import type { DatedFact } from '../facts/identified-event.js';

/** A conflict-of-interest declaration and, once decided, the measure that settled it. */
export interface DeclarationLife {
  readonly declared: DatedFact<'ConflictOfInterestDeclared'>;
  readonly settlement?: DatedFact<'ConflictOfInterestSettled'>;
}

export function declarationLife(
  life: DeclarationLife | undefined,
  step: DatedFact<'ConflictOfInterestDeclared' | 'ConflictOfInterestSettled'>,
): DeclarationLife | undefined {
  if (step.type === 'ConflictOfInterestDeclared') return { declared: step };
  return life && { ...life, settlement: step };
}

/** The declaration as it stood at a business instant: not yet made, open, or settled. */
export function declarationAt(life: DeclarationLife, asOf: number): DeclarationLife | undefined {
  if (life.declared.at > asOf) return undefined;
  return life.settlement === undefined || life.settlement.at <= asOf ? life : { declared: life.declared };
}
