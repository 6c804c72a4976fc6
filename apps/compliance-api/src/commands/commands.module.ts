import { Module } from '@nestjs/common';
import { AmendmentsController } from './amendments/amendments.controller.js';
import { CertificatesController } from './certificates/certificates.controller.js';
import { ConflictsOfInterestController } from './conflicts-of-interest/conflicts-of-interest.controller.js';
import { EntitiesController } from './entities/entities.controller.js';
import { FactRecorder } from './fact-recorder.js';
import { GiftsController } from './gifts/gifts.controller.js';
import { OffencesController } from './offences/offences.controller.js';
import { PreventionController } from './prevention/prevention.controller.js';
import { RecordFactHandler } from './record-fact.handler.js';
import { RegisterIndicesController } from './register-indices/register-indices.controller.js';

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
  providers: [FactRecorder, RecordFactHandler],
})
export class CommandsModule {}
