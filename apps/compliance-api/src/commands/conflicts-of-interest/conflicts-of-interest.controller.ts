import { Body, Controller, Param } from '@nestjs/common';
import { OfficerWrites } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { EntityPath } from '../entities/entity.requests.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import {
  DeclarationPath,
  DeclareConflictOfInterestRequest,
  RecordUndeclaredConflictRequest,
  SettleConflictOfInterestRequest,
} from './conflict-of-interest.requests.js';

@OfficerWrites()
@ApiTags('conflicts of interest')
@Controller('v1/entities/:bin')
export class ConflictsOfInterestController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('conflicts-of-interest', 'Record a declared conflict of interest')
  declare(@Param() { bin }: EntityPath, @Body() body: DeclareConflictOfInterestRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'DeclareConflictOfInterest', body, write);
  }

  @PostFact('conflicts-of-interest/:declarationId/settlement', 'Record how a declared conflict was settled')
  settle(
    @Param() { bin, declarationId }: DeclarationPath,
    @Body() body: SettleConflictOfInterestRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'SettleConflictOfInterest', { declarationId, ...body }, write);
  }

  @PostFact('undeclared-conflicts', 'Record a conflict of interest found undeclared (a violation)')
  recordUndeclared(
    @Param() { bin }: EntityPath,
    @Body() body: RecordUndeclaredConflictRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'RecordUndeclaredConflict', body, write);
  }
}
