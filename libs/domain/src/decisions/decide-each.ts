import { commandFor } from './commands.js';
import type { IdentifiedEvent } from '../facts/identified-event.js';
import { RecordDraft } from '../record/entity-record.js';
import { decide } from './decide.js';
import { RuleViolation } from './rule-violation.js';

/**
 * Each fact decided again, in order, on the record the facts before it leave; a fact refused is
 * left out of that record, so what depends on it is refused in turn. Answers the facts refused,
 * and why: how a retraction or a correction finds what it would break. Linear in the facts.
 */
export function refusedFacts(facts: readonly IdentifiedEvent[]): Map<string, RuleViolation> {
  const draft = new RecordDraft();
  const refused = new Map<string, RuleViolation>();
  for (const fact of facts) {
    const decision = decide(commandFor(fact.event), draft.record);
    if (decision instanceof RuleViolation) refused.set(fact.eventId, decision);
    else draft.apply(fact);
  }
  return refused;
}
