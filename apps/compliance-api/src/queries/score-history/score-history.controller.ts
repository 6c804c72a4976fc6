import { Controller, Get, Inject, Param } from '@nestjs/common';
import { EntityReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { scoreEntity, type Grade, type ScoredEvent } from '#domain';
import { ComplianceEventLog } from '#event-log';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.module.js';
import { entityNotFound } from '../problems.js';

interface ScoreChange {
  readonly eventId: string;
  readonly type: string;
  readonly revision: number;
  readonly recordedAt: string;
  readonly score: number;
  readonly grade: Grade;
}

/**
 * Every change of score or grade with the event that caused it: after each event, the score
 * as published when that event was recorded (asOf = knownAt = its recordedAt).
 */
@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/score-history')
export class ScoreHistoryController {
  constructor(
    private readonly log: ComplianceEventLog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Each change of score or grade, with the event that caused it' })
  async history(@Param() { bin }: EntityPath): Promise<{ bin: string; changes: ScoreChange[] }> {
    const stream = await this.log.load(bin);
    if (stream.events.length === 0) throw entityNotFound(bin);
    const known: ScoredEvent[] = [];
    const changes: ScoreChange[] = [];
    for (const logged of stream.events) {
      known.push({ eventId: logged.eventId, event: logged.event });
      const { score, grade } = scoreEntity(known, Date.parse(logged.metadata.recordedAt), this.config.methodology);
      const last = changes.at(-1);
      if (last?.score === score && last.grade === grade) continue;
      changes.push({
        eventId: logged.eventId,
        type: logged.event.type,
        revision: logged.revision,
        recordedAt: logged.metadata.recordedAt,
        score,
        grade,
      });
    }
    return { bin, changes };
  }
}
