import { IDENTIFIER_FIELDS, type FactType } from '../../facts/events.js';
import type { IdentifiedEvent } from '../../facts/identified-event.js';
import { effectiveFacts, type RecordEntry } from '../../record/amendments.js';
import { recordEntries, type EntityRecord } from '../../record/entity-record.js';
import { refusedFacts } from '../decide-each.js';
import { RuleViolation, violation } from '../rule-violation.js';
import type { Rules } from './rule.js';

/**
 * A retraction takes a fact out of the record: refused when later facts depend on it (what
 * deciding the record again without it would refuse), which are to be retracted first.
 */
export const retractFact: Rules<'RetractFact'> = (data, record) => {
  const target = amendableFact(record, data.retractedEventId);
  if (target instanceof RuleViolation) return target;
  const facts = effectiveFacts(recordEntries(record));
  const dependents = newlyRefused(
    facts,
    facts.filter((fact) => fact.eventId !== target.eventId),
  ).map(([eventId]) => eventId);
  return dependents.length === 0
    ? undefined
    : violation(
        'fact-has-dependents',
        `Event ${target.eventId} cannot be retracted while ${dependents.length} later fact(s) depend on it: ${dependents.join(', ')}`,
        undefined,
        { dependents },
      );
};

/**
 * A correction puts the complete corrected data of a fact in its place: decided against the
 * record with the corrected fact in place, so a date that breaks the order of the facts around
 * it is refused as that rule. The fact's own identifiers do not change.
 */
export const correctFact: Rules<'CorrectFact'> = (data, record) => {
  const target = amendableFact(record, data.correctedEventId);
  if (target instanceof RuleViolation) return target;
  const type = target.recorded.type as FactType;
  const was = (target.effective as { data: Record<string, unknown> }).data;
  for (const field of IDENTIFIER_FIELDS[type] as readonly string[]) {
    if (data.data[field] !== was[field]) {
      return violation(
        'identifier-cannot-change',
        `A correction keeps ${field} ${String(was[field])}: retract the fact and record the right one instead`,
        `data.${field}`,
      );
    }
  }
  const facts = effectiveFacts(recordEntries(record));
  const corrected = facts.map((fact) =>
    fact.eventId === target.eventId
      ? ({ eventId: fact.eventId, event: { type, data: data.data } } as IdentifiedEvent)
      : fact,
  );
  const [first] = newlyRefused(facts, corrected);
  if (first === undefined) return undefined;
  const [eventId, broken] = first;
  if (eventId === target.eventId) {
    return violation(
      broken.rule,
      broken.message,
      broken.field === undefined ? undefined : `data.${broken.field}`,
      broken.details,
    );
  }
  return violation(broken.rule, `Once corrected, the fact would break event ${eventId}: ${broken.message}`);
};

/** The fact an amendment names, if it may be amended (a shell checks a correction's body against its type). */
export function amendableFact(record: EntityRecord, eventId: string): RecordEntry | RuleViolation {
  const entry = recordEntries(record).find((e) => e.eventId === eventId);
  if (entry === undefined) return violation('event-not-found', `No event ${eventId} is in this entity's record`);
  if (entry.effective === undefined || entry.recorded.type === 'EntityRegistered') {
    return violation(
      'fact-not-correctable',
      `Event ${eventId} is a ${entry.recorded.type}, which is not retracted or corrected`,
    );
  }
  if (entry.retractedBy !== undefined) {
    return violation('fact-already-retracted', `Event ${eventId} was retracted by event ${entry.retractedBy}`);
  }
  return entry;
}

/** The facts `changed` refuses that `facts` did not (a history recorded under other rules keeps its own). */
function newlyRefused(
  facts: readonly IdentifiedEvent[],
  changed: readonly IdentifiedEvent[],
): [string, RuleViolation][] {
  const before = refusedFacts(facts);
  return [...refusedFacts(changed)].filter(([eventId]) => !before.has(eventId));
}
