import type { ComplianceEvent, EventOf } from '../facts/events.js';
import type { IdentifiedEvent } from '../facts/identified-event.js';

/** An event of the entity's stream as the record keeps it: a fact, with what amended it, or an amendment. */
export interface RecordEntry {
  readonly eventId: string;
  /** The event as recorded. */
  readonly recorded: ComplianceEvent;
  /** A fact as it stands after its corrections (the latest wins); none for a retraction or a correction. */
  readonly effective?: ComplianceEvent;
  /** The retraction that made the fact stop counting. */
  readonly retractedBy?: string;
  /** The corrections of the fact, in order. */
  readonly correctedBy?: readonly string[];
}

/**
 * The entries after an amendment: the fact it names is marked retracted, or given the corrected
 * data (of its own type); the amendment itself is added. An amendment of a fact not in the
 * entries, or of a retracted one, changes nothing but is kept (the decider lets neither in).
 */
export function amended(
  entries: readonly RecordEntry[],
  { eventId, event }: IdentifiedEvent<EventOf<'FactRetracted' | 'FactCorrected'>>,
): RecordEntry[] {
  const target = event.type === 'FactRetracted' ? event.data.retractedEventId : event.data.correctedEventId;
  const changed = entries.map((entry) => {
    if (entry.eventId !== target || entry.effective === undefined || entry.retractedBy !== undefined) return entry;
    if (event.type === 'FactRetracted') return { ...entry, retractedBy: eventId };
    return {
      ...entry,
      effective: { type: entry.recorded.type, data: event.data.data } as ComplianceEvent,
      correctedBy: [...(entry.correctedBy ?? []), eventId],
    };
  });
  return [...changed, { eventId, recorded: event }];
}

/** The facts that count, in the order recorded, each as its corrections leave it. */
export function effectiveFacts(entries: readonly RecordEntry[]): IdentifiedEvent[] {
  return entries.flatMap((entry) =>
    entry.effective !== undefined && entry.retractedBy === undefined
      ? [{ eventId: entry.eventId, event: entry.effective }]
      : [],
  );
}
