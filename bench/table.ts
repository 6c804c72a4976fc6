/** Prints rows as an aligned plain-text table (numbers right-aligned). */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const isNumeric = (text: string): boolean => /^[\d.,x%<>=\s-]+$/.test(text) && /\d/.test(text);
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (isNumeric(cell) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en-US');
}
