import { Controller, Get, Inject, Param } from '@nestjs/common';
import { EntityReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { entityStreamId, verifyChain, type ChainVerdict } from '#event-log';
import type { EventStore } from '#event-store';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { entityNotFound } from '../problems.js';

@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/integrity')
export class EntityIntegrityController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: "Recompute the entity's hash chain: valid, or the first revision altered, removed or moved",
  })
  async integrity(@Param() { bin }: EntityPath): Promise<ChainVerdict> {
    const events = await this.store.readStream(entityStreamId(bin));
    if (events.length === 0) throw entityNotFound(bin);
    return verifyChain(events);
  }
}
