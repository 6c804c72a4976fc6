import { applyDecorators, HttpCode, Inject, Injectable, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { CommandOf, ComplianceCommand, ComplianceCommandType } from '#domain';
import type { WriteResult } from '#event-log';
import { ReadModels } from '#projections';
import { entityWithheld } from '../queries/problems.js';
import { requestFingerprint } from './idempotency/request-fingerprint.js';
import { RecordFact } from './record-fact.command.js';
import { IF_MATCH, TOKEN, type WriteRequest } from './write-context.js';
import { ApiProblems, ApiRequestHeader, ApiSuccess, ApiSummary, headerRef } from '../openapi/operations.js';

/** A write endpoint: POST, 201 with the write result, and the problems it may answer. */
export function PostFact(path: string, summary: string): MethodDecorator {
  return writeEndpoint(Post(path), summary);
}

/** A write endpoint that changes what an earlier fact said (PATCH), answered like any write. */
export function PatchFact(path: string, summary: string): MethodDecorator {
  return writeEndpoint(Patch(path), summary);
}

function writeEndpoint(route: MethodDecorator, summary: string): MethodDecorator {
  return applyDecorators(
    route,
    HttpCode(201),
    ApiSummary(
      summary,
      "Records one fact about the entity as a new event of its stream, if the rules of the record allow it. Answers the event's place in the log; see docs/API.md on retries (Idempotency-Key) and concurrency (If-Match).",
    ),
    ApiRequestHeader(
      'Idempotency-Key',
      'Retry safely: the same key with the same request answers the original result and records nothing (1-255 visible ASCII characters)',
      TOKEN.source,
    ),
    ApiRequestHeader(
      'If-Match',
      'A quoted revision (`"4"`, as the ETag of a write gave it): record only if the entity is still at it, else 412',
      IF_MATCH.source,
    ),
    ApiRequestHeader(
      'X-Correlation-Id',
      "Groups the events of one business operation in their metadata; the request's own id when left out",
      TOKEN.source,
    ),
    ApiSuccess('WriteResult', {
      status: 201,
      description: 'Recorded (or, with an Idempotency-Key seen before, the original answer)',
      headers: { ETag: headerRef('ETag'), 'Idempotent-Replayed': headerRef('Idempotent-Replayed') },
    }),
    ApiProblems([404, 409, 412, 413, 414, 415, 422, 503], {
      rules: true,
      also: ['entity-quarantined', 'write-contention'],
    }),
  );
}

/**
 * What every write controller does: record the fact and answer with its place in the log. An
 * entity whose record the read models found damaged takes no new facts until an operator has
 * looked: appending to a stream that lost events would only bury the loss.
 */
@Injectable()
export class FactRecorder {
  constructor(
    private readonly commands: CommandBus,
    @Inject(ReadModels) private readonly readModels: ReadModels,
  ) {}

  async record<Type extends ComplianceCommandType>(
    bin: string,
    type: Type,
    data: CommandOf<Type>['data'],
    write: WriteRequest,
  ): Promise<WriteResult> {
    const withheld = this.readModels.quarantine.of(bin);
    if (withheld) throw entityWithheld(withheld);
    const command = { type, data: withoutUndefined(data) } as ComplianceCommand;
    const { context } = write;
    // only a request with an Idempotency-Key has anything to bind it to
    const fingerprint =
      context.idempotencyKey === undefined ? '' : requestFingerprint(context.method, context.route, bin, command);
    return write.answer(await this.commands.execute(new RecordFact(bin, command, context, fingerprint)));
  }
}

/** Request objects carry their absent optional fields as `undefined`; events do not. */
function withoutUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}
