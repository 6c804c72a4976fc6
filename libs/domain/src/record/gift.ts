import type { DatedFact } from '../facts/identified-event.js';

/** A reported gift and, once it happened, its hand-over: the gift ban working as intended. */
export interface GiftLife {
  readonly reported: DatedFact<'GiftReported'>;
  readonly handOver?: DatedFact<'GiftHandedOver'>;
}

export function giftLife(
  life: GiftLife | undefined,
  step: DatedFact<'GiftReported' | 'GiftHandedOver'>,
): GiftLife | undefined {
  if (step.type === 'GiftReported') return { reported: step };
  return life && { ...life, handOver: step };
}
