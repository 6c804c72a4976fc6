import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary } from '../../openapi/operations.js';
import { ReadModels, type ScoreChange } from '#projections';
import { EntityReads } from '../../access/access.decorator.js';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { entityNotFound, entityWithheld } from '../problems.js';
import { oneStart, pageCursor, placeOf } from '../paging/page-cursor.js';
import { HistoryQuery } from '../query.requests.js';

const DEFAULT_PAGE = 100;

/**
 * Every change of score or grade with the event that caused it: after each event, the score as
 * published when that event was recorded (asOf = knownAt = its recordedAt). Kept by the
 * projection as events arrive; a request reads one page.
 */
@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/score-history')
export class ScoreHistoryController {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiSummary(
    'Each change of score or grade, with the event that caused it',
    'Scored as of the moment each event was recorded. Paged by revision: send `next` back as `cursor`.',
  )
  @ApiSuccess('ScoreHistoryPage', { description: 'A page of the score history' })
  @ApiProblems([404, 414, 503], { also: ['entity-not-registered', 'read-models-behind', 'entity-quarantined'] })
  async history(
    @Param() { bin }: EntityPath,
    @Query() query: HistoryQuery,
  ): Promise<{ bin: string; changes: ScoreChange[]; logSize: number; next?: string }> {
    await this.readYourWrites.reach(query.minPosition);
    oneStart('fromRevision', query.fromRevision, query.cursor);
    const fromRevision =
      query.cursor === undefined ? (query.fromRevision ?? 0) : placeOf('score-history', query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE;
    const withheld = this.readModels.quarantine.of(bin);
    if (withheld) throw entityWithheld(withheld);
    if (this.readModels.entities.last(bin) === undefined) throw entityNotFound(bin);
    const logSize = this.readModels.logSize();
    const page = this.readModels.scoreHistory.page(bin, fromRevision, limit + 1);
    if (page.length <= limit) return { bin, changes: page, logSize };
    const changes = page.slice(0, limit);
    return { bin, changes, logSize, next: pageCursor('score-history', changes[changes.length - 1].revision + 1) };
  }
}
