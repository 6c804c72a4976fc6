import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { EntityReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { entityStreamId } from '#event-log';
import type { EventStore } from '#event-store';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { entityNotFound } from '../problems.js';
import { HistoryQuery } from '../query.requests.js';
import { storedEventView } from '../stored-event.view.js';

const DEFAULT_PAGE = 100;

@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/events')
export class EntityHistoryController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: "An entity's events in order, as stored, with their metadata and hashes; paged" })
  async history(@Param() { bin }: EntityPath, @Query() { fromRevision = 0, limit = DEFAULT_PAGE }: HistoryQuery) {
    const streamId = entityStreamId(bin);
    const page = await this.store.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    if (page.length === 0 && (await this.store.readStream(streamId, { maxCount: 1 })).length === 0) {
      throw entityNotFound(bin);
    }
    const events = page.slice(0, limit).map(storedEventView);
    const next =
      page.length > limit
        ? `/v1/entities/${bin}/events?fromRevision=${fromRevision + limit}&limit=${limit}`
        : undefined;
    return next === undefined ? { events } : { events, next };
  }
}
