import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Reproducible randomness for seed data: the same seed always gives the same data set. */
export class SeededRandom {
  private readonly rng;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  chance(probability: number): boolean {
    return this.int(0, 9_999) < probability * 10_000;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)];
  }

  /** A value drawn with the given weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.int(0, total - 1);
    for (const [value, weight] of choices) {
      if (draw < weight) return value;
      draw -= weight;
    }
    return choices[choices.length - 1][0];
  }

  /** A valid twelve-digit identifier (BIN or IIN) starting with `prefix`. */
  identifier(prefix: string, complete: (eleven: string) => string | undefined): string {
    for (;;) {
      const eleven = (prefix + String(this.int(0, 10 ** (11 - prefix.length) - 1)).padStart(11 - prefix.length, '0')).slice(0, 11);
      const full = complete(eleven);
      if (full) return full;
    }
  }
}

/** `date` plus `days`, as an ISO calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
