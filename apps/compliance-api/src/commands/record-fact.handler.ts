import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { decide, replay, RuleViolation } from '#domain';
import { ComplianceEventLog, type EntityStream, type WriteResult } from '#event-log';
import { WrongExpectedRevisionError } from '#event-store';
import { ProblemError } from '../http/problem-details/problem.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { RecordFact, type WriteOutcome } from './record-fact.command.js';
import { ruleViolationProblem } from './rule-violation.problem.js';
import type { WriteContext } from './write-context.js';

/** How often a write re-reads and decides again when another write got in first. */
export const MAX_ATTEMPTS = 100;

/**
 * Load the entity's stream, decide, append at the revision that was decided on. Without
 * If-Match a lost race is retried from the start, so concurrent writers never lose an
 * update; with If-Match it is the client's to resolve (412).
 */
@CommandHandler(RecordFact)
export class RecordFactHandler implements ICommandHandler<RecordFact, WriteOutcome> {
  constructor(
    private readonly log: ComplianceEventLog,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
  ) {}

  async execute({ bin, command, write, fingerprint }: RecordFact): Promise<WriteOutcome> {
    const key = write.idempotencyKey;
    const remembered = key === undefined ? undefined : this.idempotency.recall(write.principal.id, key);
    if (remembered)
      return { result: sameRequestOrRefuse(remembered.fingerprint, fingerprint, remembered.result), replayed: true };

    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stream = await this.log.load(bin);
      const earlier = earlierWriteWithKey(stream, write, fingerprint);
      if (earlier) return this.remember(write, fingerprint, earlier, true);
      if (write.expectedRevision !== undefined && stream.revision !== write.expectedRevision) {
        throw revisionMismatch(write.expectedRevision, stream.revision);
      }

      const decision = decide(command, replay(stream.events.map((e) => e.event)));
      if (decision instanceof RuleViolation) throw ruleViolationProblem(decision);

      try {
        const [result] = await this.log.append(stream, decision, {
          recordedBy: write.principal,
          correlationId: write.correlationId,
          causationId: write.requestId,
          ...(key === undefined ? {} : { idempotency: { key, fingerprint } }),
        });
        return this.remember(write, fingerprint, result, false);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (write.expectedRevision !== undefined) throw revisionMismatch(write.expectedRevision, error.actual);
        await yieldToOthers(); // let the writer that won finish before reading again
      }
    }
    throw new ProblemError(
      503,
      'write-contention',
      'Too many concurrent writes to this entity',
      'Retry shortly',
      {},
      {
        'retry-after': '1',
      },
    );
  }

  private remember(write: WriteContext, fingerprint: string, result: WriteResult, replayed: boolean): WriteOutcome {
    if (write.idempotencyKey !== undefined) {
      this.idempotency.remember(write.principal.id, write.idempotencyKey, { fingerprint, result });
    }
    return { result, replayed };
  }
}

/**
 * A write whose answer was lost (a crash between append and remembering it) is still in the
 * stream, stamped with its key: find it rather than record the fact twice.
 */
function earlierWriteWithKey(stream: EntityStream, write: WriteContext, fingerprint: string): WriteResult | undefined {
  if (write.idempotencyKey === undefined) return undefined;
  const event = stream.events.find(
    (e) => e.metadata.idempotency?.key === write.idempotencyKey && e.metadata.recordedBy.id === write.principal.id,
  );
  if (!event) return undefined;
  const result = {
    eventId: event.eventId,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
  };
  return sameRequestOrRefuse(event.metadata.idempotency?.fingerprint ?? '', fingerprint, result);
}

function sameRequestOrRefuse(original: string, fingerprint: string, result: WriteResult): WriteResult {
  if (original !== fingerprint) {
    throw new ProblemError(
      422,
      'idempotency-key-reused',
      'Idempotency-Key already used for another request',
      'This key was first sent with a different method, path or body; use a new key for a new request',
    );
  }
  return result;
}

function revisionMismatch(expected: number, actual: number | 'no_stream'): ProblemError {
  const at = actual === 'no_stream' ? 'has no events' : `is at revision ${actual}`;
  return new ProblemError(
    412,
    'revision-mismatch',
    'The entity has changed since the revision in If-Match',
    `If-Match expected revision ${expected}, but the entity ${at}`,
    { currentRevision: actual === 'no_stream' ? null : actual },
    actual === 'no_stream' ? {} : { etag: `"${actual}"` },
  );
}
