import { Controller, Get, Inject, Query } from '@nestjs/common';
import { RegisterReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary } from '../../openapi/operations.js';
import { ReadModels, type RatingSummary } from '#projections';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { pageCursor, placeOf } from '../paging/page-cursor.js';
import { RegisterListQuery } from '../query.requests.js';

const DEFAULT_PAGE = 100;

@RegisterReads()
@ApiTags('register')
@Controller('v1/register')
export class RegisterListController {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiSummary(
    'The register: ratings filtered by grade, sector, region, certification and clear wave, by BIN',
    "Paged: send a page's `next` back as `cursor` (with the same filters) for the page after it.",
  )
  @ApiSuccess('RegisterListPage', { description: 'A page of ratings' })
  @ApiProblems([503], { also: ['read-models-behind'] })
  async list(
    @Query() { limit = DEFAULT_PAGE, cursor, minPosition, ...filter }: RegisterListQuery,
  ): Promise<{ items: RatingSummary[]; next?: string }> {
    await this.readYourWrites.reachRatings(minPosition);
    const items = this.readModels.ratings.list(
      filter,
      cursor === undefined ? undefined : placeOf('register', cursor),
      limit,
    );
    return items.length < limit ? { items } : { items, next: pageCursor('register', items[items.length - 1].bin) };
  }
}
