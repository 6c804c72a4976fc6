import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  EntityRecords,
  FactRefusedError,
  IdempotencyKeyReusedError,
  recordFact,
  RevisionMismatchError,
  WriteContentionError,
} from '#write-side';
import { ProblemError } from '../http/problem-details/problem.js';
import { RecordFact, type WriteOutcome } from './record-fact.command.js';
import { ruleViolationProblem } from './rule-violation.problem.js';

/**
 * The shell around `recordFact` (libs/write-side): the write side's refusals become the
 * problems a client receives. A retry-safe write needs nothing here: its key is stamped in its
 * event and its event ids derive from the key, so the append's own commit binds the key
 * (libs/event-log/src/keyed-event-id.ts).
 */
@CommandHandler(RecordFact)
export class RecordFactHandler implements ICommandHandler<RecordFact, WriteOutcome> {
  constructor(@Inject(EntityRecords) private readonly records: EntityRecords) {}

  async execute({ bin, command, write, fingerprint }: RecordFact): Promise<WriteOutcome> {
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
