import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ComplianceCommand } from '#domain';
import type { WriteResult } from '#event-log';
import {
  EntityRecords,
  FactRefusedError,
  IdempotencyKeyReusedError,
  recordFact,
  RevisionMismatchError,
  WriteContentionError,
} from '#write-side';
import { ProblemError } from '../http/problem-details/problem.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { RecordFact, type WriteOutcome } from './record-fact.command.js';
import { ruleViolationProblem } from './rule-violation.problem.js';
import type { WriteContext } from './write-context.js';

/**
 * The shell around `recordFact` (libs/write-side): an Idempotency-Key is claimed before the
 * write and its answer kept after, in this process's own file, and the write side's refusals
 * become the problems a client receives.
 */
@CommandHandler(RecordFact)
export class RecordFactHandler implements ICommandHandler<RecordFact, WriteOutcome> {
  private readonly logger = new Logger(RecordFactHandler.name);

  constructor(
    @Inject(EntityRecords) private readonly records: EntityRecords,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
  ) {}

  async execute({ bin, command, write, fingerprint }: RecordFact): Promise<WriteOutcome> {
    const key = write.idempotencyKey;
    if (key === undefined) return this.record(bin, command, write, fingerprint);

    const principal = write.principal.id;
    const claim = await this.idempotency.claim(principal, key, fingerprint);
    if (claim.state !== 'new' && claim.fingerprint !== fingerprint) throw keyReused();
    if (claim.state === 'answered') return { result: claim.result, replayed: true };
    // new, or pending: the same request is in flight or was cut off; the stream tells which
    try {
      const outcome = await this.record(bin, command, write, fingerprint);
      await this.rememberAnswer(principal, key, outcome.result);
      return outcome;
    } catch (error) {
      if (claim.state === 'new') await this.idempotency.release(principal, key, fingerprint);
      throw error;
    }
  }

  private async record(
    bin: string,
    command: ComplianceCommand,
    write: WriteContext,
    fingerprint: string,
  ): Promise<WriteOutcome> {
    try {
      return await recordFact(this.records, {
        bin,
        command,
        expectedRevision: write.expectedRevision,
        recording: {
          recordedBy: write.principal,
          correlationId: write.correlationId,
          causationId: write.requestId,
          ...(write.idempotencyKey === undefined ? {} : { idempotency: { key: write.idempotencyKey, fingerprint } }),
        },
      });
    } catch (error) {
      throw asProblem(error);
    }
  }

  /** The event is written: failing to remember its answer must not turn the 201 into an error. */
  private async rememberAnswer(principal: string, key: string, result: WriteResult): Promise<void> {
    await this.idempotency.remember(principal, key, result).catch((error: unknown) => {
      this.logger.warn(
        `Could not remember the answer for an idempotency key (the event log still has it): ${String(error)}`,
      );
    });
  }
}

/** A refusal of the write side as the problem the client receives; anything else as it is. */
function asProblem(error: unknown): unknown {
  if (error instanceof FactRefusedError) return ruleViolationProblem(error.violation);
  if (error instanceof IdempotencyKeyReusedError) return keyReused();
  if (error instanceof RevisionMismatchError) {
    const { expected, actual } = error;
    return new ProblemError(
      'revision-mismatch',
      `If-Match expected revision ${expected}, but the entity ${actual === 'no_stream' ? 'has no events' : `is at revision ${actual}`}`,
      { currentRevision: actual === 'no_stream' ? null : actual },
      actual === 'no_stream' ? {} : { etag: `"${actual}"` },
    );
  }
  if (error instanceof WriteContentionError) {
    return new ProblemError('write-contention', 'Retry shortly', {}, { 'retry-after': '1' });
  }
  return error;
}

function keyReused(): ProblemError {
  return new ProblemError(
    'idempotency-key-reused',
    'This key was first sent with a different method, path or body; use a new key for a new request',
  );
}
