import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import { ComplianceEventLog } from '#event-log';
import type { EventStore } from '#event-store';
import { DEFAULT_RUNNER_OPTIONS, ProjectionRunner, ReadModels } from '#projections';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { Metrics } from '../metrics/metrics.js';
import { ProjectionLag } from './projection-lag.js';
import { ReadYourWrites } from './read-your-writes.js';

export const READ_MODELS_FILE = 'read-models.db';

/**
 * The read side in the service: the read models of libs/projections in this process's own
 * file, fed by the projection runner from the start of the application to its end, and the
 * ratings clock. Queries only read them.
 */
@Global()
@Module({
  providers: [
    {
      provide: ReadModels,
      inject: [APP_CONFIG, ComplianceEventLog],
      useFactory: (config: AppConfig, log: ComplianceEventLog) =>
        ReadModels.open(join(config.localDir, READ_MODELS_FILE), log, config.methodology, new Logger('ReadModels')),
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, ReadModels, Metrics],
      useFactory: (store: EventStore, readModels: ReadModels, metrics: Metrics) =>
        new ProjectionRunner(store, readModels, {
          ...DEFAULT_RUNNER_OPTIONS,
          logger: new Logger('Projection'),
          onApplied: (_position, events) => metrics.eventsProjected.inc(events),
        }),
    },
    ReadYourWrites,
    ProjectionLag,
  ],
  exports: [ReadModels, ProjectionRunner, ReadYourWrites, ProjectionLag],
})
export class ReadSideModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(Metrics) metrics: Metrics,
    lag: ProjectionLag,
  ) {
    metrics.measureLagWith(() => lag.seconds());
  }

  onApplicationBootstrap(): void {
    this.runner.start();
    this.readModels.startClock();
    const logger = new Logger('ReadModels');
    this.readModels.mirrorRegisterViews().then(
      (views) => logger.log(`${views} stored register views mirrored in memory`),
      (error: unknown) =>
        logger.warn(`Register views not mirrored: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.readModels.close();
  }
}
