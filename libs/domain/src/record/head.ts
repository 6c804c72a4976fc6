import type { DatedFact } from '../facts/identified-event.js';

/** A head's term of office: the appointment and, once it happened, the dismissal. */
export interface HeadTerm {
  readonly appointed: DatedFact<'HeadAppointed'>;
  readonly dismissed?: DatedFact<'HeadDismissed'>;
}

/** The terms after one more appointment or dismissal (a dismissal ends the person's open term). */
export function headTerms(terms: readonly HeadTerm[], step: DatedFact<'HeadAppointed' | 'HeadDismissed'>): HeadTerm[] {
  if (step.type === 'HeadAppointed') return [...terms, { appointed: step }];
  const open = openTermIndex(terms, step.data.iin);
  if (open < 0) return [...terms];
  return terms.map((term, i) => (i === open ? { ...term, dismissed: step } : term));
}

/** The person's term not yet ended by a dismissal, whatever its dates. */
export function openTerm(terms: readonly HeadTerm[], iin: string): HeadTerm | undefined {
  const open = openTermIndex(terms, iin);
  return open < 0 ? undefined : terms[open];
}

/** Whether the term had begun, and not yet ended, at a business instant. */
export function inOfficeAt(term: HeadTerm, asOf: number): boolean {
  return term.appointed.at <= asOf && (term.dismissed === undefined || term.dismissed.at > asOf);
}

function openTermIndex(terms: readonly HeadTerm[], iin: string): number {
  for (let i = terms.length - 1; i >= 0; i--) {
    if (terms[i].appointed.data.iin === iin && terms[i].dismissed === undefined) return i;
  }
  return -1;
}
