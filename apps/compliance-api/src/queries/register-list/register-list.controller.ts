import { Controller, Get, Inject, Query } from '@nestjs/common';
import { PublicRegisterReads, RegisterReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary, OPEN_IN_PUBLIC_REGISTER_MODE } from '../../openapi/operations.js';
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
  @PublicRegisterReads()
  @ApiSummary(
    'The register: ratings filtered by holding, name, grade, sector, region, certification and clear wave, by BIN',
    "`holding` lists an entity and every entity under it, at any depth; `name` finds the entities whose name holds every word given, in any case. Paged: send a page's `next` back as `cursor` (with the same filters) for the page after it. " +
      OPEN_IN_PUBLIC_REGISTER_MODE,
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
