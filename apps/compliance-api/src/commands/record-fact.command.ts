import { Command } from '@nestjs/cqrs';
import type { ComplianceCommand } from '#domain';
import type { WriteResult } from '#event-log';
import type { WriteContext } from './write-context.js';

export interface WriteOutcome {
  readonly result: WriteResult;
  /** True when an Idempotency-Key matched an earlier write and nothing new was recorded. */
  readonly replayed: boolean;
}

/** Record one compliance fact about the entity with this BIN. */
export class RecordFact extends Command<WriteOutcome> {
  constructor(
    readonly bin: string,
    readonly command: ComplianceCommand,
    readonly write: WriteContext,
    /** See requestFingerprint: what the request's Idempotency-Key is bound to; empty without one. */
    readonly fingerprint: string,
  ) {
    super();
  }
}
