import { Body, Controller, Param } from '@nestjs/common';
import { OfficerWrites } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { EntityPath } from '../entities/entity.requests.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import { CompleteRiskAnalysisRequest, CompleteTrainingRequest } from './prevention.requests.js';

@OfficerWrites()
@ApiTags('prevention')
@Controller('v1/entities/:bin')
export class PreventionController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('risk-analyses', 'Record an internal analysis of corruption risks')
  riskAnalysis(@Param() { bin }: EntityPath, @Body() body: CompleteRiskAnalysisRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'CompleteCorruptionRiskAnalysis', body, write);
  }

  @PostFact('trainings', 'Record an anti-corruption training')
  training(@Param() { bin }: EntityPath, @Body() body: CompleteTrainingRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'CompleteAntiCorruptionTraining', body, write);
  }
}
