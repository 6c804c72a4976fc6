import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { instantOf, registerView, type RegisterView } from '#domain';
import type { Position } from '#event-store';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.module.js';
import { EntityProjection, type EntityEvents } from '../../read-models/entity-projection.js';
import { entityNotFound } from '../problems.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { ConsistentAsOfQuery, LookupRequest } from '../query.requests.js';

/** The Business Partners Register view for NCE "Atameken": advisory, and free of personal data. */
@ApiTags('register')
@Controller('v1/register')
export class RegisterController {
  constructor(
    private readonly entities: EntityProjection,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':bin')
  @ApiOperation({
    summary:
      "An entity's rating, anti-corruption indicators, flags and clear-wave eligibility; ?asOf= &knownAt= &minPosition=",
  })
  async view(
    @Param() { bin }: EntityPath,
    @Query() query: ConsistentAsOfQuery,
  ): Promise<RegisterView & { knownAt: string }> {
    if (query.minPosition !== undefined) await this.readYourWrites.reach(query.minPosition as Position);
    const now = Date.now();
    const knownAt = query.knownAt === undefined ? now : instantOf(query.knownAt);
    const entity = this.entities.load(bin);
    const view = entity && this.viewOf(entity, query.asOf === undefined ? now : instantOf(query.asOf), knownAt);
    if (!view) throw entityNotFound(bin);
    return { ...view, knownAt: new Date(knownAt).toISOString() };
  }

  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Register views of up to 1000 BINs, in the order asked; unknown ones as { bin, found: false }',
  })
  lookup(@Body() { bins }: LookupRequest): (RegisterView | { bin: string; found: false })[] {
    const now = Date.now();
    return bins.map((bin) => {
      const entity = this.entities.load(bin);
      return (entity && this.viewOf(entity, now, now)) ?? { bin, found: false };
    });
  }

  private viewOf(entity: EntityEvents, asOf: number, knownAt: number): RegisterView | undefined {
    const known = entity.events.filter((e) => Date.parse(e.recordedAt) <= knownAt);
    return known.length === 0 ? undefined : registerView(entity.bin, known, asOf, this.config.methodology);
  }
}
