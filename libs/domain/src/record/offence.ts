import type { DatedFact } from '../facts/identified-event.js';

export type OffenceStatus = 'open' | 'convicted' | 'closed';

/** A corruption offence: registered, then convicted (verdict final) or closed. */
export interface OffenceLife {
  readonly registered: DatedFact<'CorruptionOffenceRegistered'>;
  readonly outcome?: DatedFact<'CorruptionOffenceConvicted' | 'CorruptionOffenceClosed'>;
}

export function offenceLife(
  life: OffenceLife | undefined,
  step: DatedFact<'CorruptionOffenceRegistered' | 'CorruptionOffenceConvicted' | 'CorruptionOffenceClosed'>,
): OffenceLife | undefined {
  if (step.type === 'CorruptionOffenceRegistered') return { registered: step };
  return life && { ...life, outcome: step };
}

export function offenceStatus(life: OffenceLife): OffenceStatus {
  if (life.outcome === undefined) return 'open';
  return life.outcome.type === 'CorruptionOffenceConvicted' ? 'convicted' : 'closed';
}

/** The offence as it stood at a business instant: not yet registered, open, or decided. */
export function offenceAt(life: OffenceLife, asOf: number): OffenceLife | undefined {
  if (life.registered.at > asOf) return undefined;
  return life.outcome === undefined || life.outcome.at <= asOf ? life : { registered: life.registered };
}

/** The final conviction, if the offence had one by then. */
export function convictionOf(life: OffenceLife): DatedFact<'CorruptionOffenceConvicted'> | undefined {
  return life.outcome?.type === 'CorruptionOffenceConvicted' ? life.outcome : undefined;
}
