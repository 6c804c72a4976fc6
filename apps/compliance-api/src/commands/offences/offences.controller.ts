import { Body, Controller, Param } from '@nestjs/common';
import { OfficerWrites } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { EntityPath } from '../entities/entity.requests.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import {
  CloseCorruptionOffenceRequest,
  ConvictCorruptionOffenceRequest,
  ImposeSanctionRequest,
  OffencePath,
  RegisterCorruptionOffenceRequest,
} from './offence.requests.js';

@OfficerWrites()
@ApiTags('offences and responsibility')
@Controller('v1/entities/:bin')
export class OffencesController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('corruption-offences', "Register an employee's corruption offence (presumed innocent until convicted)")
  register(@Param() { bin }: EntityPath, @Body() body: RegisterCorruptionOffenceRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'RegisterCorruptionOffence', body, write);
  }

  @PostFact('corruption-offences/:offenceId/conviction', 'Record a final conviction')
  convict(
    @Param() { bin, offenceId }: OffencePath,
    @Body() body: ConvictCorruptionOffenceRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'ConvictCorruptionOffence', { offenceId, ...body }, write);
  }

  @PostFact('corruption-offences/:offenceId/closure', 'Record that an offence case was closed without conviction')
  close(
    @Param() { bin, offenceId }: OffencePath,
    @Body() body: CloseCorruptionOffenceRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'CloseCorruptionOffence', { offenceId, ...body }, write);
  }

  @PostFact('sanctions', "Record a head's personal-responsibility sanction for a subordinate's offence")
  sanction(@Param() { bin }: EntityPath, @Body() body: ImposeSanctionRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'ImposePersonalResponsibilitySanction', body, write);
  }
}
