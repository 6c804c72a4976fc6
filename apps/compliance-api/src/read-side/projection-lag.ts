import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '#event-store';
import { ProjectionRunner } from '#projections';
import { EVENT_STORE } from '../event-store/event-store.module.js';

/**
 * How far the read models lag behind the log, in the one measure every store can give: how long
 * ago the oldest event they have not applied was committed (0 when they include the whole log).
 * One read of one event; for /health and /metrics.
 */
@Injectable()
export class ProjectionLag {
  constructor(
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async seconds(now = Date.now()): Promise<number> {
    const [oldestNotApplied] = await this.store.readAll({ after: this.projections.checkpoint, maxCount: 1 });
    return oldestNotApplied === undefined ? 0 : Math.max(0, (now - oldestNotApplied.created.getTime()) / 1000);
  }
}
