import { Controller, Get, Header, Inject, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { entityStreamId } from '#event-log';
import type { EventStore, Position } from '#event-store';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { ExportQuery } from '../query.requests.js';
import { exportLine } from '../stored-event.view.js';

const PAGE = 1000;

/** Streams events as NDJSON, page by page, so an export of any size holds one page in memory. */
@ApiTags('audit')
@Controller('v1/audit/export')
export class AuditExportController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({ summary: 'Events as stored, one JSON object a line, verifiable offline; ?bin= for one entity' })
  export(@Query() { bin }: ExportQuery): StreamableFile {
    const lines = bin === undefined ? this.allLines() : this.streamLines(entityStreamId(bin));
    return new StreamableFile(Readable.from(lines), { type: 'application/x-ndjson; charset=utf-8' });
  }

  private async *allLines(): AsyncGenerator<string> {
    for (let after: Position | undefined; ;) {
      const page = await this.store.readAll({ after, maxCount: PAGE });
      for (const event of page) yield exportLine(event);
      if (page.length < PAGE) return;
      after = page[page.length - 1].position;
    }
  }

  private async *streamLines(streamId: string): AsyncGenerator<string> {
    for (let fromRevision = 0; ; fromRevision += PAGE) {
      const page = await this.store.readStream(streamId, { fromRevision, maxCount: PAGE });
      for (const event of page) yield exportLine(event);
      if (page.length < PAGE) return;
    }
  }
}
