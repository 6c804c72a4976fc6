import { Inject, Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { decide, evolve, replay, RuleViolation, type ComplianceCommand, type ComplianceRecord } from '#domain';
import { LRUCache } from 'lru-cache';
import { ComplianceEventLog, type EntityStream, type WriteResult } from '#event-log';
import { WrongExpectedRevisionError } from '#event-store';
import { ProblemError } from '../http/problem-details/problem.js';
import { IdempotencyStore } from './idempotency/idempotency-store.js';
import { RecordFact, type WriteOutcome } from './record-fact.command.js';
import { ruleViolationProblem } from './rule-violation.problem.js';
import type { WriteContext } from './write-context.js';

interface KeptStream {
  readonly stream: EntityStream;
  readonly record: ComplianceRecord;
}

/** Events of recently written entities kept in memory (about 100 MB at most). */
const KEPT_EVENTS = 100_000;

/** How often a write re-reads and decides again when another write got in first. */
export const MAX_ATTEMPTS = 100;

/**
 * Load the entity's stream, decide, append at the revision that was decided on. A lost race
 * is decided again on the new state, so concurrent writers never lose an update; with
 * If-Match, a stream that has moved on is the client's to resolve (412).
 */
@CommandHandler(RecordFact)
export class RecordFactHandler implements ICommandHandler<RecordFact, WriteOutcome> {
  private readonly logger = new Logger(RecordFactHandler.name);
  /** Recently written entities; bounded by events, so memory stays flat whatever the histories. */
  private readonly streams = new LRUCache<string, KeptStream>({
    maxSize: KEPT_EVENTS,
    sizeCalculation: (kept) => kept.stream.events.length + 1,
  });

  constructor(
    private readonly log: ComplianceEventLog,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
  ) {}

  async execute({ bin, command, write, fingerprint }: RecordFact): Promise<WriteOutcome> {
    const key = write.idempotencyKey;
    if (key === undefined) return this.decideAndAppend(bin, command, write, fingerprint);

    const principal = write.principal.id;
    const claim = await this.idempotency.claim(principal, key, fingerprint);
    if (claim.state !== 'new' && claim.fingerprint !== fingerprint) throw keyReused();
    if (claim.state === 'answered') return { result: claim.result, replayed: true };
    // new, or pending: the same request is in flight or was cut off; the stream tells which
    try {
      const outcome = await this.decideAndAppend(bin, command, write, fingerprint);
      await this.rememberAnswer(principal, key, outcome.result);
      return outcome;
    } catch (error) {
      if (claim.state === 'new') await this.idempotency.release(principal, key, fingerprint);
      throw error;
    }
  }

  private async decideAndAppend(
    bin: string,
    command: ComplianceCommand,
    write: WriteContext,
    fingerprint: string,
  ): Promise<WriteOutcome> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // the first attempt trusts the stream kept from the last write here: anything appended
      // since (by another process) fails the append's expected revision, and is read then
      const { stream, record, read } = await this.current(bin, attempt > 1);
      const earlier = earlierWriteWithKey(stream, write, fingerprint);
      if (earlier) return { result: earlier, replayed: true };
      if (write.expectedRevision !== undefined && stream.revision !== write.expectedRevision) {
        if (!read) continue; // the kept stream may be behind: read it before answering 412
        throw revisionMismatch(write.expectedRevision, stream.revision);
      }

      const decision = decide(command, record);
      if (decision instanceof RuleViolation) {
        if (!read) continue; // refused on the kept stream: another process may have written what makes it right
        throw ruleViolationProblem(decision);
      }

      try {
        const appended = await this.log.append(stream, decision, {
          recordedBy: write.principal,
          correlationId: write.correlationId,
          causationId: write.requestId,
          ...(write.idempotencyKey === undefined ? {} : { idempotency: { key: write.idempotencyKey, fingerprint } }),
        });
        this.streams.set(bin, { stream: appended.stream, record: decision.reduce(evolve, record) });
        return { result: appended.results[0], replayed: false };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        // read again: the winner may be this very request's earlier attempt, or have moved
        // the stream past If-Match; the top of the loop tells which
        await yieldToOthers();
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

  /**
   * The entity's stream and the record folded from it, kept between writes, so a write costs
   * the same on a long history as on a short one. With `reread`, or when nothing is kept, the
   * store is asked for what was appended since (only that is read and folded).
   */
  private async current(bin: string, reread: boolean): Promise<KeptStream & { read: boolean }> {
    const known = this.streams.get(bin);
    if (known && !reread) return { ...known, read: false };
    const stream = known ? await this.log.refresh(known.stream) : await this.log.load(bin);
    if (known && stream === known.stream) return { ...known, read: true };
    const folded = known?.stream.events.length ?? 0;
    const record = replay(
      stream.events.slice(folded).map((e) => e.event),
      known?.record,
    );
    const current = { stream, record };
    if (stream.revision !== 'no_stream') this.streams.set(bin, current);
    return { ...current, read: true };
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
  if (event.metadata.idempotency?.fingerprint !== fingerprint) throw keyReused();
  return { eventId: event.eventId, streamId: event.streamId, revision: event.revision, position: event.position };
}

function keyReused(): ProblemError {
  return new ProblemError(
    422,
    'idempotency-key-reused',
    'Idempotency-Key already used for another request',
    'This key was first sent with a different method, path or body; use a new key for a new request',
  );
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
