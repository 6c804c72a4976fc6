import { Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '#event-store';
import type { ProjectionRunner } from '#projections';
import { CosignatureRefusedError, TransparencyLog, type KeptCheckpoint } from '#transparency';
import { KeyHolders } from '../access/access.decorator.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { ProblemError, validationProblem } from '../http/problem-details/problem.js';
import { ApiProblems, ApiSuccess, ApiSummary, schemaRef } from '../openapi/operations.js';
import type { ConsistencyProof, CosignaturesKept, InclusionProof } from '../openapi/schemas/index.js';
import { READ_YOUR_WRITES_WAIT_MS } from '../read-side/read-your-writes.js';
import { CheckpointClock } from './checkpoint-clock.js';
import { TREE_RUNNER } from './transparency.tokens.js';
import { CheckpointPath, ConsistencyQuery, InclusionQuery } from './transparency.requests.js';

const TEXT = 'text/plain; charset=utf-8';
const base64 = (hashes: readonly Buffer[]) => hashes.map((hash) => hash.toString('base64'));

/**
 * The transparency log: signed checkpoints of the Merkle tree over the whole log, and the proofs
 * that tie an event to a checkpoint and one checkpoint to the next. No personal data: hashes,
 * sizes and keys only. Every key may read them.
 */
@KeyHolders()
@ApiTags('transparency')
@Controller('v1/transparency')
export class TransparencyController {
  constructor(
    @Inject(TransparencyLog) private readonly log: TransparencyLog,
    @Inject(TREE_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(CheckpointClock) private readonly clock: CheckpointClock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('checkpoint')
  @Header('content-type', TEXT)
  @ApiSummary(
    'The latest signed checkpoint, with the cosignatures of witnesses',
    'A C2SP tlog-checkpoint signed as a C2SP signed note (Ed25519); verify it with the verifier key.',
  )
  @ApiSuccess('CheckpointNote', {
    description: 'The checkpoint note',
    content: { 'text/plain': { schema: schemaRef('CheckpointNote') } },
  })
  latest(): string {
    return TransparencyLog.served(this.clock.make() as KeptCheckpoint);
  }

  @Get('checkpoints/:treeSize')
  @Header('content-type', TEXT)
  @ApiSummary('A checkpoint the log signed earlier, by its tree size', 'Every checkpoint signed is kept.')
  @ApiSuccess('CheckpointNote', {
    description: 'The checkpoint note',
    content: { 'text/plain': { schema: schemaRef('CheckpointNote') } },
  })
  @ApiProblems([404], { also: ['checkpoint-not-kept'] })
  past(@Param() { treeSize }: CheckpointPath): string {
    const kept = this.log.checkpoints.at(treeSize);
    if (kept === undefined)
      throw new ProblemError('checkpoint-not-kept', `No checkpoint of ${treeSize} leaves was signed`);
    return TransparencyLog.served(kept);
  }

  @Post('checkpoints')
  @HttpCode(200)
  @Header('content-type', TEXT)
  @ApiSummary(
    'A checkpoint now: signed over everything the log holds at the request, unless the latest already covers it',
    'Checkpoints are otherwise signed when events arrive, at most every CHECKPOINT_INTERVAL_SECONDS.',
  )
  @ApiSuccess('CheckpointNote', {
    description: 'The checkpoint note',
    content: { 'text/plain': { schema: schemaRef('CheckpointNote') } },
  })
  @ApiProblems([503], { also: ['read-models-behind'] })
  async onDemand(): Promise<string> {
    const head = await this.store.headPosition();
    if (head !== undefined && !(await this.runner.reached(head, READ_YOUR_WRITES_WAIT_MS))) {
      throw new ProblemError(
        'read-models-behind',
        `The tree has not reached ${head} yet; retry shortly`,
        {},
        { 'retry-after': '1' },
      );
    }
    return TransparencyLog.served(this.clock.make() as KeptCheckpoint);
  }

  @Get('verifier-key')
  @Header('content-type', TEXT)
  @ApiSummary(
    "The log's note verifier key",
    'Keep it with the checkpoints: it is what their signatures are checked with.',
  )
  @ApiSuccess('VerifierKey', {
    description: 'The verifier key',
    content: { 'text/plain': { schema: schemaRef('VerifierKey') } },
  })
  verifierKey(): string {
    return this.log.verifierKey;
  }

  @Get('inclusion')
  @ApiSummary(
    "Proof that an event is in the log's tree of a size",
    "RFC 9162 inclusion proof of the event's leaf (docs/EVENTS.md).",
  )
  @ApiSuccess('InclusionProof', { description: 'The inclusion proof' })
  @ApiProblems([404], { also: ['event-not-in-tree'] })
  inclusion(@Query() { eventId, treeSize }: InclusionQuery): InclusionProof {
    const size = treeSize ?? this.clock.make()?.size ?? 0;
    this.withinTree('treeSize', size);
    const leafIndex = this.log.tree.leafIndexOf(eventId);
    if (leafIndex === undefined)
      throw new ProblemError('event-not-in-tree', `No event ${eventId} is in the log's tree`);
    if (leafIndex >= size) {
      throw new ProblemError(
        'event-not-in-tree',
        `Event ${eventId} is leaf ${leafIndex}, beyond a tree of ${size} leaves`,
      );
    }
    return { leafIndex, treeSize: size, hashes: base64(this.log.tree.inclusionProof(leafIndex, size)) };
  }

  @Get('consistency')
  @ApiSummary(
    'Proof that the tree of `from` leaves is a prefix of the tree of `to` leaves',
    'RFC 9162 consistency proof.',
  )
  @ApiSuccess('ConsistencyProof', { description: 'The consistency proof' })
  consistency(@Query() { from, to }: ConsistencyQuery): ConsistencyProof {
    if (from > to) throw validationProblem([{ field: 'from', message: `from must be at most to (${to})` }]);
    this.withinTree('to', to);
    return { hashes: base64(this.log.tree.consistencyProof(from, to)) };
  }

  @Post('cosignatures')
  @HttpCode(200)
  @ApiSummary(
    "A witness's cosignature of a checkpoint",
    "The checkpoint note with the witness's C2SP tlog-cosignature line added, as text/plain. Kept when it verifies with a key of WITNESS_KEYS, and served with the checkpoint from then on.",
  )
  @ApiConsumes('text/plain')
  @ApiBody({ required: true, schema: schemaRef('CheckpointNote') })
  @ApiSuccess('CosignaturesKept', { description: 'What was kept' })
  @ApiProblems([415, 422], { also: ['cosignature-refused'] })
  cosign(@Req() request: { body?: unknown }): CosignaturesKept {
    if (typeof request.body !== 'string') {
      throw validationProblem([
        { field: '(body)', message: 'The body must be a cosigned checkpoint note, sent as text/plain' },
      ]);
    }
    try {
      const { size, witnesses } = this.log.addCosignatures(request.body);
      return { treeSize: size, witnesses };
    } catch (error) {
      if (error instanceof CosignatureRefusedError) throw new ProblemError('cosignature-refused', error.message);
      throw error;
    }
  }

  private withinTree(field: string, size: number): void {
    if (size > this.log.tree.size) {
      throw validationProblem([{ field, message: `${field} must be at most the tree's size, ${this.log.tree.size}` }]);
    }
  }
}
