import type { Dated } from '../facts/identified-event.js';

/**
 * The steps of one thing's life (a certificate, an entity's details), the latest first, each
 * sharing the steps before it: appending copies nothing, so folding a long history stays linear
 * and every earlier record keeps its own history untouched.
 */
export interface History<Step extends Dated> {
  readonly step: Step;
  readonly before?: History<Step>;
  /** The latest business instant among the steps. */
  readonly latestAt: number;
}

export function historyOf<Step extends Dated>(step: Step, before?: History<Step>): History<Step> {
  return { step, before, latestAt: before === undefined ? step.at : Math.max(before.latestAt, step.at) };
}

/** The steps in the order they were recorded. */
export function stepsOf<Step extends Dated>(history: History<Step> | undefined): Step[] {
  const steps: Step[] = [];
  for (let node = history; node !== undefined; node = node.before) steps.push(node.step);
  return steps.reverse();
}
