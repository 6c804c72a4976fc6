import { Body, Controller, Param } from '@nestjs/common';
import { OfficerWrites } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { FactRecorder, PatchFact, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import {
  AppointHeadRequest,
  ChangeEntityDetailsRequest,
  DismissHeadRequest,
  EntityPath,
  EstablishComplianceServiceRequest,
  HeadPath,
  RegisterEntityRequest,
} from './entity.requests.js';

@OfficerWrites()
@ApiTags('entities')
@Controller('v1/entities')
export class EntitiesController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('', 'Register a quasi-public entity')
  register(@Body() body: RegisterEntityRequest, @Write() write: WriteRequest) {
    return this.facts.record(body.bin, 'RegisterEntity', body, write);
  }

  @PatchFact(':bin', "Change an entity's details (name, legal form, state share, parent, sector, region)")
  changeDetails(@Param() { bin }: EntityPath, @Body() body: ChangeEntityDetailsRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'ChangeEntityDetails', body, write);
  }

  @PostFact(':bin/compliance-service', 'Record that the anti-corruption compliance service is established')
  establishComplianceService(
    @Param() { bin }: EntityPath,
    @Body() body: EstablishComplianceServiceRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'EstablishComplianceService', body, write);
  }

  @PostFact(':bin/heads', 'Appoint a head')
  appointHead(@Param() { bin }: EntityPath, @Body() body: AppointHeadRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'AppointHead', body, write);
  }

  @PostFact(':bin/heads/:iin/dismissal', 'Dismiss a head in office')
  dismissHead(@Param() { bin, iin }: HeadPath, @Body() body: DismissHeadRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'DismissHead', { iin, ...body }, write);
  }
}
