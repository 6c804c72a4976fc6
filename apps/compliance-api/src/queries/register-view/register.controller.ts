import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { PublicRegisterReads, RegisterReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary, OPEN_IN_PUBLIC_REGISTER_MODE } from '../../openapi/operations.js';
import { instantOf } from '#domain';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { ReadModels, type RegisterViews } from '#projections';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { entityNotFound, entityWithheld } from '../problems.js';
import { AsOfQuery, ConsistentQuery, LookupRequest } from '../query.requests.js';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** A stored view's JSON with the size of the log it was read at: one field added, the view not parsed. */
export const withLogSize = (json: string, logSize: number) => `${json.slice(0, -1)},"logSize":${logSize}}`;

/** The Business Partners Register view for NCE "Atameken": advisory, and free of personal data. */
@RegisterReads()
@ApiTags('register')
@Controller('v1/register')
export class RegisterController {
  private readonly views: RegisterViews;

  constructor(
    @Inject(ReadModels) private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
  ) {
    this.views = readModels.registerViews;
  }

  @Get(':bin')
  @PublicRegisterReads()
  @Header('content-type', JSON_TYPE)
  @ApiSummary(
    "An entity's register view: rating, anti-corruption indicators, flags, clear-wave eligibility",
    'Now, or as it stood at `asOf` (business time) with what was known at `knownAt` (system time). Advisory; no personal data. ' +
      OPEN_IN_PUBLIC_REGISTER_MODE,
  )
  @ApiSuccess('RegisterView', { description: 'The register view' })
  @ApiProblems([404, 414, 503], { also: ['entity-not-registered', 'read-models-behind', 'entity-quarantined'] })
  async view(@Param() { bin }: EntityPath, @Query() query: AsOfQuery): Promise<string> {
    await this.readYourWrites.reach(query.minPosition);
    if (query.asOf === undefined && query.knownAt === undefined) {
      const current = this.views.current(bin);
      if (current === undefined) throw entityNotFound(bin);
      if ('withheld' in current) throw entityWithheld(current.withheld);
      return withLogSize(current.json, this.readModels.logSize());
    }
    const now = Date.now();
    const answer = this.views.at(
      bin,
      query.asOf === undefined ? now : instantOf(query.asOf),
      query.knownAt === undefined ? now : instantOf(query.knownAt),
    );
    if (answer === undefined) throw entityNotFound(bin);
    if ('withheld' in answer) throw entityWithheld(answer.withheld);
    return JSON.stringify({ ...answer.view, logSize: this.readModels.logSize() });
  }

  @Post('lookup')
  @HttpCode(200)
  @Header('content-type', JSON_TYPE)
  @ApiSummary(
    'Register views of up to 1000 entities at once',
    'In the order asked; an unknown BIN as `{ bin, found: false }`, an entity set aside as `{ bin, found: true, withheld }`.',
  )
  @ApiSuccess('RegisterLookup', { description: 'One item per BIN asked, in order' })
  @ApiProblems([413, 415, 503], { also: ['read-models-behind'] })
  async lookup(@Body() { bins }: LookupRequest, @Query() { minPosition }: ConsistentQuery): Promise<string> {
    await this.readYourWrites.reach(minPosition);
    const now = Date.now();
    const logSize = this.readModels.logSize();
    const views = bins.map((bin) => {
      const current = this.views.current(bin, now);
      if (current === undefined) return JSON.stringify({ bin, found: false });
      if ('withheld' in current) return JSON.stringify({ bin, found: true, withheld: 'entity-quarantined' });
      return withLogSize(current.json, logSize);
    });
    return `[${views.join(',')}]`;
  }
}
