import { setImmediate as yieldToOthers } from 'node:timers/promises';
import {
  decide,
  evolve,
  replay,
  RuleViolation,
  violation,
  type ComplianceCommand,
  type ComplianceEvent,
  type EntityRecord,
} from '#domain';
import { KeyedWriteStoredError, type RecordingContext, type WriteResult } from '#event-log';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '#event-store';
import type { EntityRecords } from './entity-records.js';
import type { KeyedWrites } from './keyed-writes.js';
import { HoldingScope } from './holding-scope.js';
import { FactRefusedError, IdempotencyKeyReusedError, RevisionMismatchError, WriteContentionError } from './errors.js';

/** How often a write re-reads and decides again when another write got in first. */
export const MAX_ATTEMPTS = 100;

/** One or more facts to record about one entity, in order, as one atomic append. */
export interface FactRequest {
  readonly bin: string;
  readonly commands: readonly ComplianceCommand[];
  /** Who records them, why, and (for a retry-safe write) the idempotency key and request fingerprint. */
  readonly recording: RecordingContext;
  /** Append only if the entity's stream is at this revision (HTTP `If-Match`). */
  readonly expectedRevision?: number;
}

export interface RecordedFacts {
  /** One result per command, in order. */
  readonly results: readonly WriteResult[];
  /** True when the idempotency key matched an earlier write and nothing new was recorded. */
  readonly replayed: boolean;
}

/**
 * Records facts: load the entity's record, decide each command on it, append the events at the
 * revision decided on. A lost race is decided again on the new state, so concurrent writers
 * never lose an update; with an expected revision, a stream that has moved on is the caller's
 * to resolve. Refusals are thrown as the errors of errors.ts; nothing is written then.
 */
export async function recordFacts(records: EntityRecords, request: FactRequest): Promise<RecordedFacts> {
  const { bin, commands, recording, expectedRevision } = request;
  await refuseParentCycles(records, bin, commands);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    // the first attempt trusts what is kept here: anything appended since (by another process)
    // fails the append's expected revision, and is read then
    const { stream, record, keyedWrites, read } = await records.current(bin, { fresh: attempt > 1 });
    const earlier = earlierWriteWithKey(keyedWrites, recording);
    if (earlier) return { results: [earlier], replayed: true };
    if (expectedRevision !== undefined && stream.revision !== expectedRevision) {
      if (!read) continue; // the kept stream may be behind: read it before answering
      throw new RevisionMismatchError(expectedRevision, stream.revision);
    }

    const decided = decideAll(commands, record);
    if (decided instanceof RuleViolation) {
      if (!read) continue; // refused on the kept stream: another process may have written what makes it right
      throw new FactRefusedError(decided);
    }

    try {
      const appended = await records.log.append(stream, decided, recording);
      const added = appended.stream.events.slice(stream.events.length);
      keyedWrites.add(added);
      records.remember(bin, { stream: appended.stream, record: replay(added, record), keyedWrites });
      return { results: appended.results, replayed: false };
    } catch (error) {
      // the ids of a keyed write are its caller's and key's: stored in another entity's
      // stream, they are that key's first use, for another request
      if (error instanceof DuplicateEventIdError && recording.idempotency) throw new IdempotencyKeyReusedError();
      if (!(error instanceof WrongExpectedRevisionError || error instanceof KeyedWriteStoredError)) throw error;
      // read again: the winner may be this very request's earlier attempt (or another with
      // its key), or have moved the stream past the expected revision; the top of the loop tells
      await yieldToOthers();
    }
  }
  throw new WriteContentionError(MAX_ATTEMPTS);
}

/** Records one fact (see `recordFacts`). */
export async function recordFact(
  records: EntityRecords,
  request: Omit<FactRequest, 'commands'> & { readonly command: ComplianceCommand },
): Promise<{ result: WriteResult; replayed: boolean }> {
  const { results, replayed } = await recordFacts(records, { ...request, commands: [request.command] });
  return { result: results[0], replayed };
}

/** Each command decided on the record as the commands before it leave it. */
function decideAll(commands: readonly ComplianceCommand[], record: EntityRecord): ComplianceEvent[] | RuleViolation {
  const events: ComplianceEvent[] = [];
  let current = record;
  for (const command of commands) {
    const decision = decide(command, current);
    if (decision instanceof RuleViolation) return decision;
    for (const event of decision) {
      events.push(event);
      // the ids are the log's to give; the rules never look at them
      current = evolve(current, { eventId: `pending-${events.length}`, event });
    }
  }
  return events;
}

/**
 * A write whose answer was lost (a crash between the append and the answer) is still in the
 * stream, stamped with its key: find it rather than record the fact twice.
 */
function earlierWriteWithKey(keyedWrites: KeyedWrites, recording: RecordingContext): WriteResult | undefined {
  const key = recording.idempotency?.key;
  if (key === undefined) return undefined;
  const event = keyedWrites.find(recording.recordedBy.id, key);
  if (!event) return undefined;
  if (event.metadata.idempotency?.fingerprint !== recording.idempotency?.fingerprint) {
    throw new IdempotencyKeyReusedError();
  }
  return { eventId: event.eventId, streamId: event.streamId, revision: event.revision, position: event.position };
}

/**
 * Holdings form a tree: a parent that has the entity up its own chain of parents, at any depth,
 * is refused. The chain spans other entities' streams, so this is decided here, from the log as
 * it is now, and not by the entity's own decider.
 */
async function refuseParentCycles(
  records: EntityRecords,
  bin: string,
  commands: readonly ComplianceCommand[],
): Promise<void> {
  const scope = new HoldingScope(records);
  for (const command of commands) {
    const parentBin =
      command.type === 'RegisterEntity' || command.type === 'ChangeEntityDetails' ? command.data.parentBin : undefined;
    if (parentBin !== undefined && parentBin !== bin && (await scope.wouldMakeCycle(bin, parentBin))) {
      throw new FactRefusedError(
        violation(
          'parent-cycle',
          `${parentBin} is ${bin} or one of its subsidiaries: ${bin} cannot be put under it`,
          'parentBin',
        ),
      );
    }
  }
}
