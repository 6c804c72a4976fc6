import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionRunner, ReadModels } from '#projections';
import { ProjectionLag } from '../read-side/projection-lag.js';

/**
 * Up once the read models have caught up with the log; reports their checkpoint, how far they
 * lag, and the entities set aside.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    @Inject(ProjectionRunner) private readonly projections: ProjectionRunner,
    @Inject(ReadModels) private readonly readModels: ReadModels,
    private readonly lag: ProjectionLag,
    private readonly health: HealthIndicatorService,
  ) {}

  /** Entities set aside do not make the service unready: every other entity is served. */
  async check(key: string) {
    const indicator = this.health.check(key);
    const details = {
      checkpoint: this.projections.checkpoint ?? null,
      // unknown while the store does not answer (the event store's indicator says why)
      lagSeconds: await this.lag.seconds().catch(() => null),
      quarantinedEntities: this.readModels.quarantine.all().length,
    };
    if (this.projections.ready) return indicator.up(details);
    // the failure itself is in the logs: /health answers anyone, and says nothing of internals
    return indicator.down({
      ...details,
      message:
        this.projections.lastFailure === undefined
          ? 'The read models are catching up with the event log'
          : 'The projection failed and is retrying from its checkpoint (see the logs)',
    });
  }
}
