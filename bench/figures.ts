/**
 * One measured figure of PRODUCT.md section 9, with its target and the baselines measured
 * beside it in the same run, and the single table `npm run bench` prints.
 */

/** What a figure must be: at least (rates) or below (latencies, times, memory) a value. */
export interface Target {
  readonly atLeast?: number;
  readonly below?: number;
  /** Also required: measured / baseline at least this (the store's "within 0.7x of raw"). */
  readonly ratioAtLeast?: number;
}

/** The same work done by something simpler (or by a peer), in the same run. */
export interface Baseline {
  readonly name: string;
  readonly value: number;
}

export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly measured: number;
  readonly target?: Target;
  readonly baseline?: Baseline;
  readonly peer?: Baseline;
  /** Decimal places to print; rates are printed as whole numbers. */
  readonly digits?: number;
}

export type Verdict = 'met' | 'MISSED' | 'info';

export function verdictOf({ measured, target, baseline }: Figure): Verdict {
  if (target === undefined) return 'info';
  const ratioOk =
    target.ratioAtLeast === undefined || (baseline !== undefined && measured / baseline.value >= target.ratioAtLeast);
  const valueOk =
    (target.atLeast === undefined || measured >= target.atLeast) &&
    (target.below === undefined || measured < target.below);
  return valueOk && ratioOk ? 'met' : 'MISSED';
}

/** Prints the figures as one aligned table: value, target, verdict, then each baseline and the ratio to it. */
export function printFigures(figures: readonly Figure[]): void {
  const rows = figures.map((figure) => {
    const number = (value: number) => formatNumber(value, figure.digits ?? 0);
    const versus = (baseline: Baseline | undefined): [string, string] =>
      baseline === undefined
        ? ['-', '-']
        : [`${number(baseline.value)} (${baseline.name})`, `${(figure.measured / baseline.value).toFixed(2)}x`];
    return [
      figure.name,
      `${number(figure.measured)} ${figure.unit}`,
      targetText(figure),
      verdictOf(figure),
      ...versus(figure.baseline),
      ...versus(figure.peer),
    ];
  });
  printTable(['figure', 'measured', 'target', 'verdict', 'baseline', 'ratio', 'peer', 'ratio'], rows);
}

function targetText({ target, unit }: Figure): string {
  if (target === undefined) return '-';
  const parts = [
    target.atLeast === undefined ? undefined : `>= ${formatNumber(target.atLeast, 0)} ${unit}`,
    target.below === undefined ? undefined : `< ${formatNumber(target.below, 0)} ${unit}`,
    target.ratioAtLeast === undefined ? undefined : `>= ${target.ratioAtLeast.toFixed(2)}x baseline`,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

function formatNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints rows as an aligned plain-text table (numbers right-aligned). */
function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const isNumeric = (text: string): boolean => /^[\d.,x]+( \S+)?$/.test(text) && /^\d/.test(text);
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (isNumeric(cell) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}
