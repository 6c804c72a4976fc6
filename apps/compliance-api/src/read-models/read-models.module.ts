import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { ChangesLog } from './changes.js';
import { EntityProjection } from './entity-projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { RatingsRefresher } from './ratings.js';
import { ReadModelDatabase } from './read-model-database.js';
import { RegisterViews } from './register-views.js';

export const READ_MODELS_FILE = 'read-models.db';

/** The local read models and the projection that keeps them up to date. */
@Global()
@Module({
  providers: [
    {
      provide: ReadModelDatabase,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ReadModelDatabase.open(join(config.localDir, READ_MODELS_FILE)),
    },
    {
      provide: EntityProjection,
      inject: [ReadModelDatabase],
      useFactory: (db: ReadModelDatabase) => new EntityProjection(db),
    },
    ProjectionRunner,
    RatingsRefresher,
    ChangesLog,
    RegisterViews,
  ],
  exports: [EntityProjection, ProjectionRunner, RatingsRefresher, ChangesLog, RegisterViews],
})
export class ReadModelsModule implements OnApplicationShutdown {
  constructor(@Inject(ReadModelDatabase) private readonly database: ReadModelDatabase) {}

  onApplicationShutdown(): void {
    this.database.close();
  }
}
