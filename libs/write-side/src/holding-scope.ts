import type { EntityRecords } from './entity-records.js';

/** How far up a chain of holdings scope is looked for (cycles are refused, but never trusted). */
const MAX_DEPTH = 16;

/**
 * Whether an entity lies within the holdings an officer's key covers, decided from the log as
 * it is at the moment of asking: an officer may use a subsidiary the moment its registration
 * under a covered holding is acknowledged, and loses it the moment a move out is acknowledged.
 */
export class HoldingScope {
  constructor(private readonly records: EntityRecords) {}

  /** The entity's parent, as its latest recorded details say. */
  async parentOf(bin: string): Promise<string | undefined> {
    const { record } = await this.records.current(bin, { fresh: true });
    return record.details?.current.parentBin;
  }

  /**
   * Whether giving `bin` the parent `parentBin` would put `bin` under itself: whether `bin` is
   * `parentBin` or up its chain of parents, as the log has them now.
   */
  async wouldMakeCycle(bin: string, parentBin: string): Promise<boolean> {
    return this.isWithin(parentBin, new Set([bin]));
  }

  /** Whether `bin` is one of `roots` or has one of them up its chain of parents. */
  async isWithin(bin: string, roots: ReadonlySet<string>): Promise<boolean> {
    let current: string | undefined = bin;
    for (let depth = 0; current !== undefined && depth <= MAX_DEPTH; depth++) {
      if (roots.has(current)) return true;
      current = await this.parentOf(current);
    }
    return false;
  }
}
