import { applyDecorators, HttpCode, Inject, Injectable, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiProperty,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { CommandOf, ComplianceCommand, ComplianceCommandType } from '#domain';
import type { WriteResult } from '#event-log';
import { ReadModels } from '#projections';
import { entityWithheld } from '../queries/problems.js';
import { requestFingerprint } from './idempotency/request-fingerprint.js';
import { RecordFact } from './record-fact.command.js';
import type { WriteRequest } from './write-context.js';

/** The write result as documented in OpenAPI. */
export class WriteResponse {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'entity-081140000436' }) streamId!: string;
  @ApiProperty({ description: 'Revision of the entity after this write; send it back in If-Match' }) revision!: number;
  @ApiProperty({ description: 'Global position; pass it as minPosition to read your own write' }) position!: string;
}

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
    ApiOperation({ summary }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Retry safely: the same key and body return the original result',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Quoted revision: write only if the entity is still at it',
    }),
    ApiCreatedResponse({ type: WriteResponse, description: 'Recorded; ETag carries the new revision' }),
    ApiBadRequestResponse({ description: 'Malformed or invalid input (problem+json, errors per field)' }),
    ApiNotFoundResponse({ description: 'Unknown entity, or unknown certificate, declaration, gift, offence or head' }),
    ApiConflictResponse({ description: 'A rule is broken; the problem type names it' }),
    ApiPreconditionFailedResponse({ description: 'If-Match revision is stale' }),
    ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with a different request' }),
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
