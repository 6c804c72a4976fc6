import { Controller, Get, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import { AuditReads } from '../../access/access.decorator.js';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import type { EventStore } from '#event-store';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { ExportQuery } from '../query.requests.js';
import { exportLines } from './export-lines.js';

@AuditReads()
@ApiTags('audit')
@Controller('v1/audit/export')
export class AuditExportController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'Events as stored, one JSON object a line, verifiable offline; ?bin= for one entity' })
  export(@Query() { bin }: ExportQuery): StreamableFile {
    return new StreamableFile(Readable.from(exportLines(this.store, bin)), {
      type: 'application/x-ndjson; charset=utf-8',
    });
  }
}
