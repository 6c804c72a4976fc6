import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { AmendmentsController } from './amendments/amendments.controller.js';
import { CertificatesController } from './certificates/certificates.controller.js';
import { ConflictsOfInterestController } from './conflicts-of-interest/conflicts-of-interest.controller.js';
import { EntitiesController } from './entities/entities.controller.js';
import { FactRecorder } from './fact-recorder.js';
import { GiftsController } from './gifts/gifts.controller.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { OffencesController } from './offences/offences.controller.js';
import { PreventionController } from './prevention/prevention.controller.js';
import { RecordFactHandler } from './record-fact.handler.js';
import { RegisterIndicesController } from './register-indices/register-indices.controller.js';

export const IDEMPOTENCY_FILE = 'idempotency.db';

/** The write side: every officer and register-operator write endpoint of PRODUCT.md section 7. */
@Module({
  controllers: [
    EntitiesController,
    CertificatesController,
    ConflictsOfInterestController,
    GiftsController,
    OffencesController,
    PreventionController,
    RegisterIndicesController,
    AmendmentsController,
  ],
  providers: [
    FactRecorder,
    RecordFactHandler,
    {
      provide: IdempotencyStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => IdempotencyStore.open(join(config.localDir, IDEMPOTENCY_FILE)),
    },
  ],
})
export class CommandsModule implements OnApplicationShutdown {
  constructor(@Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore) {}

  onApplicationShutdown(): void {
    this.idempotency.close();
  }
}
