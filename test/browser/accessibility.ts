import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** One rule axe-core found broken on a page, with how much it hurts and where. */
export interface Violation {
  readonly rule: string;
  readonly impact: string;
  readonly targets: string;
}

/** The WCAG 2.1 A and AA violations axe-core finds on the page as it is now, of every impact. */
export async function wcagViolations(page: Page): Promise<Violation[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact ?? 'unknown',
    targets: violation.nodes.map((node) => node.target.join(' ')).join(', '),
  }));
}

export const isSerious = (violation: Violation): boolean =>
  violation.impact === 'serious' || violation.impact === 'critical';
