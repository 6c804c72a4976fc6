import { Inject, Injectable } from '@nestjs/common';
import { comparePositions, type EventStore, type Position } from '#event-store';
import { ProjectionRunner, ReadModels } from '#projections';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { ProblemError, validationProblem } from '../http/problem-details/problem.js';

export const READ_YOUR_WRITES_WAIT_MS = 2000;

/** `minPosition`: wait, briefly, until the read models include a write; else 503 and Retry-After. */
@Injectable()
export class ReadYourWrites {
  constructor(
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** A position a client sent, checked by the store that issues them; 400 naming `field` if not one. */
  position(field: string, text: string): Position {
    if (this.store.isPosition(text)) return text;
    throw validationProblem([{ field, message: `${field} must be a position returned by this service` }]);
  }

  /**
   * A position of the log to read after (`after`, `Last-Event-ID`): one this store issues, and
   * not beyond the log's head, where no client can have seen it; 400 naming `field` if not.
   */
  async logPosition(field: string, text: string): Promise<Position> {
    const position = this.position(field, text);
    const head = await this.store.headPosition();
    if (head === undefined || comparePositions(position, head) > 0) {
      throw validationProblem([{ field, message: `${field} is beyond the end of the log (${head ?? 'empty'})` }]);
    }
    return position;
  }

  /**
   * A read of the event log itself includes every write the log acknowledged: its `minPosition`
   * is checked to be a position, and there is nothing to wait for.
   */
  ofLog(minPosition: string | undefined): void {
    if (minPosition !== undefined) this.position('minPosition', minPosition);
  }

  /** Waits until the read models include `minPosition` (when given). */
  async reach(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const position = this.position('minPosition', minPosition);
    if (!(await this.projections.reached(position, READ_YOUR_WRITES_WAIT_MS))) throw behind(position);
  }

  /**
   * Waits until the stored ratings include `minPosition` (when given): what the register list,
   * filtered and paged by stored ratings, needs. The ratings clock rates within a second.
   */
  async reachRatings(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const position = this.position('minPosition', minPosition);
    const deadline = Date.now() + READ_YOUR_WRITES_WAIT_MS;
    if (!(await this.projections.reached(position, READ_YOUR_WRITES_WAIT_MS))) throw behind(position);
    if (!(await this.readModels.ratingsReached(position, Math.max(0, deadline - Date.now())))) throw behind(position);
  }
}

function behind(position: Position): ProblemError {
  return new ProblemError('read-models-behind', `Still behind ${position}; retry shortly`, {}, { 'retry-after': '1' });
}
