import { Controller, Get, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import { AuditReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary, schemaRef } from '../../openapi/operations.js';
import { Readable } from 'node:stream';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { ExportQuery } from '../query.requests.js';
import { exportLines } from './export-lines.js';
import { entityStreamId } from '#event-log';
import { entityNotFound } from '../problems.js';
import { ReadYourWrites } from '../../read-side/read-your-writes.js';

@AuditReads()
@ApiTags('audit')
@Controller('v1/audit/export')
export class AuditExportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @ApiSummary(
    'Events as stored, one JSON object a line (NDJSON), verifiable offline',
    "One entity's stream (`bin`) or the whole log in log order, streamed.",
  )
  @ApiSuccess('ExportLine', {
    description: 'NDJSON: each line an ExportLine',
    content: { 'application/x-ndjson': { schema: schemaRef('ExportLine') } },
  })
  @ApiProblems([404], { also: ['entity-not-registered'] })
  async export(@Query() { bin, minPosition }: ExportQuery): Promise<StreamableFile> {
    this.readYourWrites.ofLog(minPosition);
    // an unknown entity is a 404 like on every other read, not an empty export
    if (bin !== undefined && (await this.store.readStream(entityStreamId(bin), { maxCount: 1 })).length === 0) {
      throw entityNotFound(bin);
    }
    return new StreamableFile(Readable.from(exportLines(this.store, bin)), {
      type: 'application/x-ndjson; charset=utf-8',
    });
  }
}
