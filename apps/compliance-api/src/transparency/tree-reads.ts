import { Inject, Injectable } from '@nestjs/common';
import type { ProjectionRunner } from '#projections';
import { TransparencyLog } from '#transparency';
import { ProblemError } from '../http/problem-details/problem.js';
import { READ_YOUR_WRITES_WAIT_MS, ReadYourWrites } from '../read-side/read-your-writes.js';
import { TREE_RUNNER } from './transparency.tokens.js';

/**
 * Reads that say how much of the log they rest on (`Log-Size`, `logSize`): the tree's leaves, or
 * an event's leaf, once the tree has it. The tree follows the log within milliseconds; a read
 * waits for it as a read of the read models waits for `minPosition` (about 2 s, then 503).
 */
@Injectable()
export class TreeReads {
  constructor(
    @Inject(TransparencyLog) private readonly log: TransparencyLog,
    @Inject(TREE_RUNNER) private readonly runner: ProjectionRunner,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Waits until the tree includes `minPosition` (when given). */
  async reach(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const position = this.readYourWrites.position('minPosition', minPosition);
    if (!(await this.runner.reached(position, READ_YOUR_WRITES_WAIT_MS))) throw behind(position);
  }

  /**
   * The size of the log up to an event read from it (its leaf index plus one), waiting for the
   * tree to take it in; 0 for no event.
   */
  async logSizeThrough(event: { eventId: string; position: string } | undefined): Promise<number> {
    if (event === undefined) return 0;
    let leaf = this.log.tree.leafIndexOf(event.eventId);
    if (leaf === undefined) {
      const position = this.readYourWrites.position('position', event.position);
      if (await this.runner.reached(position, READ_YOUR_WRITES_WAIT_MS))
        leaf = this.log.tree.leafIndexOf(event.eventId);
      if (leaf === undefined) throw behind(position);
    }
    return leaf + 1;
  }
}

function behind(position: string): ProblemError {
  return new ProblemError(
    'read-models-behind',
    `The log's tree is still behind ${position}; retry shortly`,
    {},
    { 'retry-after': '1' },
  );
}
