import { Module } from '@nestjs/common';
import { AuditExportController } from './audit-export/audit-export.controller.js';
import { EntityHistoryController } from './entity-history/entity-history.controller.js';
import { EntityIntegrityController } from './entity-integrity/entity-integrity.controller.js';
import { EntityScoreController } from './entity-score/entity-score.controller.js';

/**
 * Reads answered straight from the event log: what auditors need to be exact (history,
 * integrity, the score at any instant, export). Reads served from projections (the register
 * view for Atameken, lists, the changes feed) come with the read models.
 */
@Module({
  controllers: [EntityHistoryController, EntityIntegrityController, EntityScoreController, AuditExportController],
})
export class QueriesModule {}
