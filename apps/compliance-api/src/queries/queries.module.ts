import { Module } from '@nestjs/common';
import { AuditExportController } from './audit-export/audit-export.controller.js';
import { CallerController } from './caller/caller.controller.js';
import { EntityHistoryController } from './entity-history/entity-history.controller.js';
import { EntityIntegrityController } from './entity-integrity/entity-integrity.controller.js';
import { EntityProfileController } from './entity-profile/entity-profile.controller.js';
import { EntityScoreController } from './entity-score/entity-score.controller.js';
import { ScoreHistoryController } from './score-history/score-history.controller.js';
import { RegisterChangesController } from './register-changes/register-changes.controller.js';
import { RegisterListController } from './register-list/register-list.controller.js';
import { RegisterController } from './register-view/register.controller.js';

/**
 * Every read, none of which writes anything. Auditors' reads of the record itself come straight
 * from the event log, to be exact (history, integrity, the score at any instant, export); the
 * register, the profile and the score history from the read models, to be fast (`minPosition`
 * reads one's own writes). And who the caller's key is (`/v1/me`).
 */
@Module({
  controllers: [
    EntityHistoryController,
    EntityIntegrityController,
    EntityScoreController,
    ScoreHistoryController,
    EntityProfileController,
    AuditExportController,
    RegisterListController,
    RegisterChangesController,
    RegisterController,
    CallerController,
  ],
})
export class QueriesModule {}
