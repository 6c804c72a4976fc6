import { Controller, Get, Param, Query } from '@nestjs/common';
import { EntityReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { entityProfile, type EntityProfile } from '#domain';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { EntityProjection } from '../../read-models/entity-projection.js';
import { ReadYourWrites } from '../read-your-writes.js';
import { entityNotFound } from '../problems.js';
import { ConsistentQuery } from '../query.requests.js';

/** The full profile for officers and auditors, personal data included; from the read models. */
@EntityReads()
@ApiTags('entities')
@Controller('v1/entities/:bin')
export class EntityProfileController {
  constructor(
    private readonly entities: EntityProjection,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Everything recorded about an entity (includes personal data); ?minPosition=' })
  async profile(@Param() { bin }: EntityPath, @Query() { minPosition }: ConsistentQuery): Promise<EntityProfile> {
    await this.readYourWrites.reach(minPosition);
    const entity = this.entities.load(bin);
    const profile = entity && entityProfile(entity.events.map((e) => e.event));
    if (!profile) throw entityNotFound(bin);
    return profile;
  }
}
