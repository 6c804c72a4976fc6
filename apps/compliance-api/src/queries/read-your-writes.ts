import { Injectable } from '@nestjs/common';
import type { Position } from '#event-store';
import { ProblemError } from '../http/problem-details/problem.js';
import { ProjectionRunner } from '../read-models/projection-runner.js';

export const READ_YOUR_WRITES_WAIT_MS = 2000;

/** `minPosition`: wait, briefly, until the read models include a write; else 503 and Retry-After. */
@Injectable()
export class ReadYourWrites {
  constructor(private readonly projections: ProjectionRunner) {}

  async reach(position: Position): Promise<void> {
    if (await this.projections.reached(position, READ_YOUR_WRITES_WAIT_MS)) return;
    throw new ProblemError(
      503,
      'read-models-behind',
      'The read models have not reached that position yet',
      `Still behind ${position}; retry shortly`,
      {},
      { 'retry-after': '1' },
    );
  }
}
