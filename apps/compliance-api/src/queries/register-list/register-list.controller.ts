import { Controller, Get, Inject, Query } from '@nestjs/common';
import { RegisterReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModels, type RatingSummary } from '#projections';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
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
  @ApiOperation({
    summary: 'Ratings of the register, filtered (?grade= &sector= &region= &certified= &clearWave=) and paged by BIN',
  })
  async list(
    @Query() { limit = DEFAULT_PAGE, cursor, minPosition, ...filter }: RegisterListQuery,
  ): Promise<{ items: RatingSummary[]; next?: string }> {
    await this.readYourWrites.reachRatings(minPosition);
    const items = this.readModels.ratings.list(filter, cursor, limit);
    if (items.length < limit) return { items };
    const query = new URLSearchParams(
      Object.entries({ ...filter, limit, cursor: items[items.length - 1].bin })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    );
    return { items, next: `/v1/register?${query.toString()}` };
  }
}
