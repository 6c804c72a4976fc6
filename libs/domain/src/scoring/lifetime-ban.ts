import type { Dated } from '../facts/identified-event.js';
import type { EntityRecord } from '../record/entity-record.js';
import { inOfficeAt } from '../record/head.js';
import { convictionOf } from '../record/offence.js';

/** A final conviction of a person for a corruption offence, at some entity. */
export interface Conviction extends Dated {
  readonly bin: string;
}

/**
 * The convictions of a person, at any entity (the read side keeps them for every entity). Without
 * one, scoring knows the convictions recorded at the entity itself.
 */
export type ConvictionsOf = (iin: string) => readonly Conviction[];

/** A head or compliance officer in office at an instant, and the event that put them there. */
export interface OfficeHolder {
  readonly iin: string;
  readonly appointment: Dated;
}

/** The heads in office at `asOf`, and the compliance officer of the latest establishment by then. */
export function officeHoldersAt(record: EntityRecord, asOf: number): OfficeHolder[] {
  const heads = record.headTerms
    .filter((term) => inOfficeAt(term, asOf))
    .map((term) => ({ iin: term.appointed.data.iin, appointment: term.appointed }));
  const established = record.complianceService.filter((s) => s.at <= asOf);
  const officer = established.reduce<(typeof established)[number] | undefined>(
    (latest, s) => (latest === undefined || s.at >= latest.at ? s : latest),
    undefined,
  );
  return officer === undefined ? heads : [...heads, { iin: officer.data.officerIin, appointment: officer }];
}

/** The convictions recorded at the entity itself, by person. */
export function convictionsAt(record: EntityRecord): ConvictionsOf {
  const byPerson = new Map<string, Conviction[]>();
  for (const offence of record.offences.values()) {
    const conviction = convictionOf(offence);
    if (conviction === undefined) continue;
    const iin = offence.registered.data.employeeIin;
    byPerson.set(iin, [
      ...(byPerson.get(iin) ?? []),
      { bin: record.bin ?? '', eventId: conviction.eventId, at: conviction.at },
    ]);
  }
  return (iin) => byPerson.get(iin) ?? [];
}

/**
 * The office holders who may never again hold office in the quasi-public sector (Concept
 * 2022-2026, 004 line 211), at `asOf`: each with a final corruption conviction, at any entity,
 * dated by then. Their appointment was recorded (it happened); scoring flags it.
 */
export function lifetimeBanBreaches(
  holders: readonly OfficeHolder[],
  convictionsOf: ConvictionsOf,
  asOf: number,
): { holder: OfficeHolder; convictions: Conviction[] }[] {
  return holders.flatMap((holder) => {
    const convictions = convictionsOf(holder.iin).filter((c) => c.at <= asOf);
    return convictions.length === 0 ? [] : [{ holder, convictions }];
  });
}
