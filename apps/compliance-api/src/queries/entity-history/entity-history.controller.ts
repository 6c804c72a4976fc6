import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { EntityReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary } from '../../openapi/operations.js';
import { entityStreamId } from '#event-log';
import { recordEntries } from '#domain';
import type { EventStore } from '#event-store';
import { EntityRecords } from '#write-side';
import { EntityPath } from '../../commands/entities/entity.requests.js';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { entityNotFound } from '../problems.js';
import { HistoryQuery } from '../query.requests.js';
import { oneStart, pageCursor, placeOf } from '../paging/page-cursor.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';
import { storedEventView } from '../stored-event.view.js';

const DEFAULT_PAGE = 100;

@EntityReads()
@ApiTags('audit')
@Controller('v1/entities/:bin/events')
export class EntityHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EntityRecords) private readonly records: EntityRecords,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * Every event as recorded, a retracted or corrected fact marked with the events that did it
   * (`retractedBy`, `correctedBy`): the history is never rewritten, only read with its amendments.
   */
  @Get()
  @ApiSummary(
    "An entity's events in order, as stored, with their metadata and hashes",
    'Each fact marked with what retracted or corrected it. Paged by revision: send `next` back as `cursor`.',
  )
  @ApiSuccess('HistoryPage', { description: 'A page of the history' })
  @ApiProblems([404, 414], { also: ['entity-not-registered'] })
  async history(@Param() { bin }: EntityPath, @Query() query: HistoryQuery) {
    this.readYourWrites.ofLog(query.minPosition);
    oneStart('fromRevision', query.fromRevision, query.cursor);
    const fromRevision = query.cursor === undefined ? (query.fromRevision ?? 0) : placeOf('events', query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE;
    const streamId = entityStreamId(bin);
    const page = await this.store.readStream(streamId, { fromRevision, maxCount: limit + 1 });
    if (page.length === 0 && (await this.store.readStream(streamId, { maxCount: 1 })).length === 0) {
      throw entityNotFound(bin);
    }
    const amended = new Map(
      recordEntries((await this.records.current(bin, { fresh: true })).record)
        .filter((entry) => entry.retractedBy !== undefined || entry.correctedBy !== undefined)
        .map((entry) => [entry.eventId, entry]),
    );
    const events = page.slice(0, limit).map((recorded) => {
      const marks = amended.get(recorded.eventId);
      return {
        ...storedEventView(recorded),
        ...(marks?.retractedBy === undefined ? {} : { retractedBy: marks.retractedBy }),
        ...(marks?.correctedBy === undefined ? {} : { correctedBy: marks.correctedBy }),
      };
    });
    return page.length > limit ? { events, next: pageCursor('events', fromRevision + limit) } : { events };
  }
}
