import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionRunner } from '../read-models/projection-runner.js';

/** Up once the read models have caught up with the log; reports their checkpoint. */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key: string) {
    const indicator = this.health.check(key);
    const checkpoint = this.projections.checkpoint ?? null;
    return this.projections.ready
      ? indicator.up({ checkpoint })
      : indicator.down({ checkpoint, message: 'The read models are catching up with the event log' });
  }
}
