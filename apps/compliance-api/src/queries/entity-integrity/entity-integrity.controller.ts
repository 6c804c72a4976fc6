import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary } from '../../openapi/operations.js';
import { entityStreamId, verifyChain } from '#event-log';
import type { EventStore } from '#event-store';
import { ReadModels, type Quarantine } from '#projections';
import { EntityReads } from '../../access/access.decorator.js';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { entityNotFound } from '../problems.js';
import { ConsistentQuery } from '../query.requests.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';

/** A problem of the entity's record that the hash chain alone cannot show. */
type IntegrityProblem = Omit<Quarantine, 'bin'>;

@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/integrity')
export class EntityIntegrityController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModels) private readonly readModels: ReadModels,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @ApiSummary(
    "The entity's hash chain recomputed, and what the read models saw the log lose",
    '`valid` is false when the chain is broken (the first revision altered, removed or moved) or a problem was found.',
  )
  @ApiSuccess('Integrity', { description: 'The integrity check' })
  @ApiProblems([404, 414], { also: ['entity-not-registered'] })
  async integrity(@Param() { bin }: EntityPath, @Query() { minPosition }: ConsistentQuery) {
    this.readYourWrites.ofLog(minPosition);
    const events = await this.store.readStream(entityStreamId(bin));
    const quarantine = this.readModels.quarantine.of(bin);
    if (events.length === 0 && quarantine === undefined) throw entityNotFound(bin);
    const chain = verifyChain(events);
    const problems: IntegrityProblem[] = quarantine ? [withoutBin(quarantine)] : [];
    return { ...chain, valid: chain.valid && problems.length === 0, problems };
  }
}

function withoutBin({ bin: _bin, ...problem }: Quarantine): IntegrityProblem {
  return problem;
}
