import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary } from '../../openapi/operations.js';
import { convictionsAt, instantOf, replay, scoreRecord } from '#domain';
import { ComplianceEventLog } from '#event-log';
import { ReadModels } from '#projections';
import { EntityReads } from '../../access/access.decorator.js';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.module.js';
import { entityNotFound } from '../problems.js';
import { AsOfQuery } from '../query.requests.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { TreeReads } from '../../transparency/tree-reads.js';

/**
 * The score with its explanation, computed from the entity's own stream: exact for any
 * `asOf` (business time) and `knownAt` (only events recorded by then), and never behind a
 * write, since it reads the log itself. The lifetime ban also looks at convictions recorded at
 * other entities, from the read side's index (as known at `knownAt`), and cites their events.
 */
@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/score')
export class EntityScoreController {
  constructor(
    private readonly log: ComplianceEventLog,
    @Inject(ReadModels) private readonly readModels: ReadModels,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readYourWrites: ReadYourWrites,
    private readonly treeReads: TreeReads,
  ) {}

  @Get()
  @ApiSummary(
    'The score with its explanation: factors with the events behind them, flags, clear wave',
    'Computed from the event log for any `asOf` (business time) and `knownAt` (system time).',
  )
  @ApiSuccess('ScoreCard', { description: 'The score and its explanation' })
  @ApiProblems([404, 414, 503], { also: ['entity-not-registered', 'read-models-behind'] })
  async score(@Param() { bin }: EntityPath, @Query() query: AsOfQuery) {
    this.readYourWrites.ofLog(query.minPosition);
    const now = Date.now();
    const asOf = query.asOf === undefined ? now : instantOf(query.asOf);
    const knownAt = query.knownAt === undefined ? now : instantOf(query.knownAt);
    const stream = await this.log.load(bin);
    const known = stream.events.filter((e) => Date.parse(e.metadata.recordedAt) <= knownAt);
    if (known.length === 0) {
      throw entityNotFound(
        bin,
        stream.events.length === 0
          ? undefined
          : `BIN ${bin} was not yet registered at ${new Date(knownAt).toISOString()}`,
      );
    }
    const record = replay(known);
    // the entity's own convictions from its stream; the lifetime ban's convictions elsewhere from the read side's index
    const own = convictionsAt(record);
    const elsewhere = this.readModels.lifetimeBan.convictionsOf(knownAt);
    const card = scoreRecord(record, asOf, this.config.methodology, (iin) => [
      ...own(iin),
      ...elsewhere(iin).filter((conviction) => conviction.bin !== bin),
    ]);
    // the log up to the entity's last event used: a checkpoint that size or larger covers them all
    const logSize = await this.treeReads.logSizeThrough(known.at(-1));
    return { bin, ...card, knownAt: new Date(knownAt).toISOString(), logSize };
  }
}
