import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels, type ScoreChange } from '#projections';
import { EntityReads } from '../../access/access.decorator.js';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { entityNotFound, entityWithheld } from '../problems.js';
import { ScoreHistoryQuery } from '../query.requests.js';

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
  @ApiOperation({
    summary: 'Each change of score or grade, with the event that caused it; paged by revision; ?minPosition=',
  })
  async history(
    @Param() { bin }: EntityPath,
    @Query() { fromRevision = 0, limit = DEFAULT_PAGE, minPosition }: ScoreHistoryQuery,
  ): Promise<{ bin: string; changes: ScoreChange[]; next?: string }> {
    await this.readYourWrites.reach(minPosition);
    const withheld = this.readModels.quarantine.of(bin);
    if (withheld) throw entityWithheld(withheld);
    if (this.readModels.entities.last(bin) === undefined) throw entityNotFound(bin);
    const page = this.readModels.scoreHistory.page(bin, fromRevision, limit + 1);
    if (page.length <= limit) return { bin, changes: page };
    const changes = page.slice(0, limit);
    const after = changes[changes.length - 1].revision + 1;
    return { bin, changes, next: `/v1/entities/${bin}/score-history?fromRevision=${after}&limit=${limit}` };
  }
}
