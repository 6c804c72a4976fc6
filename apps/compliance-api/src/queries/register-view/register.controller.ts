import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RegisterReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { instantOf } from '#domain';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { RegisterViews } from '../../read-models/register-views.js';
import { entityNotFound } from '../problems.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { ConsistentAsOfQuery, ConsistentQuery, LookupRequest } from '../query.requests.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The Business Partners Register view for NCE "Atameken": advisory, and free of personal data. */
@RegisterReads()
@ApiTags('register')
@Controller('v1/register')
export class RegisterController {
  constructor(
    private readonly views: RegisterViews,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get(':bin')
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary:
      "An entity's rating, anti-corruption indicators, flags and clear-wave eligibility; ?asOf= &knownAt= &minPosition=",
  })
  async view(@Param() { bin }: EntityPath, @Query() query: ConsistentAsOfQuery): Promise<string> {
    await this.readYourWrites.reach(query.minPosition);
    if (query.asOf === undefined && query.knownAt === undefined) {
      const current = this.views.current(bin);
      if (current === undefined) throw entityNotFound(bin);
      return current;
    }
    const now = Date.now();
    const view = this.views.at(
      bin,
      query.asOf === undefined ? now : instantOf(query.asOf),
      query.knownAt === undefined ? now : instantOf(query.knownAt),
    );
    if (!view) throw entityNotFound(bin);
    return JSON.stringify(view);
  }

  @Post('lookup')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiOperation({
    summary: 'Register views of up to 1000 BINs, in the order asked; unknown ones as { bin, found: false }',
  })
  async lookup(@Body() { bins }: LookupRequest, @Query() { minPosition }: ConsistentQuery): Promise<string> {
    await this.readYourWrites.reach(minPosition);
    const now = Date.now();
    const views = bins.map((bin) => this.views.current(bin, now) ?? JSON.stringify({ bin, found: false }));
    return `[${views.join(',')}]`;
  }
}
