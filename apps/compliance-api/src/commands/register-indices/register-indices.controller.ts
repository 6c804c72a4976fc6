import { Body, Controller, Param } from '@nestjs/common';
import { Access } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { EntityPath } from '../entities/entity.requests.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import { RecordRegisterIndexRequest } from './register-index.requests.js';

@Access({ roles: ['registry'] })
@ApiTags('register inputs')
@Controller('v1/entities/:bin/register-indices')
export class RegisterIndicesController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('', 'Record an index supplied by the register operator or a state body (never part of the score)')
  record(@Param() { bin }: EntityPath, @Body() body: RecordRegisterIndexRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'RecordRegisterIndex', body, write);
  }
}
