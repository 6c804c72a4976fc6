import { Controller, Get, Header, Inject, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuditReads } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { ApiProblems, ApiSuccess, ApiSummary, headerRef, schemaRef } from '../../openapi/operations.js';
import { Readable } from 'node:stream';
import type { EventStore } from '#event-store';
import { TransparencyLog } from '#transparency';
import { EVENT_STORE } from '../../event-store/event-store.module.js';
import { validationProblem } from '../../http/problem-details/problem.js';
import { ExportQuery } from '../query.requests.js';
import { exportLines, type ExportTree } from './export-lines.js';
import { entityStreamId } from '#event-log';
import { entityNotFound } from '../problems.js';
import { TreeReads } from '../../transparency/tree-reads.js';

@AuditReads()
@ApiTags('audit')
@Controller('v1/audit/export')
export class AuditExportController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TransparencyLog) private readonly transparency: TransparencyLog,
    private readonly treeReads: TreeReads,
  ) {}

  @Get()
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @ApiSummary(
    'Events as stored, one JSON object a line (NDJSON), verifiable offline',
    "One entity's stream (`bin`) or the whole log in log order, streamed: the log as it stood at `Log-Size` events, each with its leaf in the log's Merkle tree; with `treeSize` (a checkpoint's), as it stood then, one entity's events with their inclusion proofs.",
  )
  @ApiSuccess('ExportLine', {
    description: 'NDJSON: each line an ExportLine',
    content: { 'application/x-ndjson': { schema: schemaRef('ExportLine') } },
    headers: { 'Log-Size': headerRef('Log-Size') },
  })
  @ApiProblems([404, 503], { also: ['entity-not-registered', 'read-models-behind'] })
  async export(
    @Query() { bin, minPosition, treeSize }: ExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    await this.treeReads.reach(minPosition);
    const tree = this.transparency.tree;
    if (treeSize !== undefined && treeSize > tree.size) {
      throw validationProblem([
        { field: 'treeSize', message: `treeSize must be at most the tree's size, ${tree.size}` },
      ]);
    }
    // an unknown entity is a 404 like on every other read, not an empty export
    if (bin !== undefined && (await this.store.readStream(entityStreamId(bin), { maxCount: 1 })).length === 0) {
      throw entityNotFound(bin);
    }
    const size = treeSize ?? tree.size;
    const exported: ExportTree = {
      size,
      leafIndexOf: (eventId) => tree.leafIndexOf(eventId),
      ...(treeSize !== undefined && bin !== undefined
        ? { proofOf: (leaf: number) => tree.inclusionProof(leaf, size).map((hash) => hash.toString('base64')) }
        : {}),
    };
    void reply.header('log-size', String(size));
    return new StreamableFile(Readable.from(exportLines(this.store, bin, exported)), {
      type: 'application/x-ndjson; charset=utf-8',
    });
  }
}
