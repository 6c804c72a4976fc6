import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { entityProfile, type EntityProfile } from '#domain';
import { ReadModels } from '#projections';
import { EntityReads } from '../../access/access.decorator.js';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { entityNotFound, entityWithheld } from '../problems.js';
import { ConsistentQuery } from '../query.requests.js';

/** The full profile for officers and auditors, personal data included; from the read models. */
@EntityReads()
@ApiTags('entities')
@Controller('v1/entities/:bin')
export class EntityProfileController {
  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Everything recorded about an entity (includes personal data); ?minPosition=' })
  async profile(@Param() { bin }: EntityPath, @Query() { minPosition }: ConsistentQuery): Promise<EntityProfile> {
    await this.readYourWrites.reach(minPosition);
    const withheld = this.readModels.quarantine.of(bin);
    if (withheld) throw entityWithheld(withheld);
    const entity = this.readModels.entities.load(bin);
    const profile = entity && entityProfile(entity.record);
    if (!profile) throw entityNotFound(bin);
    return profile;
  }
}
