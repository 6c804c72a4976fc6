import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary } from '../../openapi/operations.js';
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
  @ApiSummary(
    'Everything recorded about an entity, as it stands (includes personal data)',
    'Details, compliance service, heads in office, certificates with their history, declarations, gifts, offences, sanctions, analyses, trainings and indices, each as its corrections leave it.',
  )
  @ApiSuccess('EntityProfile', { description: 'The profile' })
  @ApiProblems([404, 414, 503], { also: ['entity-not-registered', 'read-models-behind', 'entity-quarantined'] })
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
