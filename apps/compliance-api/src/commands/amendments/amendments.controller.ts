import { Body, Controller, Inject, Param, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { amendableFact, recordEntries, RuleViolation, type FactType, type RecordEntry } from '#domain';
import { EntityRecords } from '#write-side';
import { Access } from '../../access/access.decorator.js';
import type { Caller } from '../../access/key-ring.js';
import { ProblemError, validationProblem } from '../../http/problem-details/problem.js';
import { StrictValidationPipe } from '../../http/validation/validation-pipe.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { ruleViolationProblem } from '../rule-violation.problem.js';
import { Write, type WriteRequest } from '../write-context.js';
import { CorrectionRequest, EventPath, RetractionRequest } from './amendment.requests.js';
import { CORRECTION_BODIES, CORRECTION_REQUESTS } from './correction-bodies.js';

/**
 * Retracting and correcting a recorded fact: new events, never edits. An officer amends the facts
 * of its own entities, the register operator the register indices it supplied; an admin any fact.
 */
@Access({ roles: ['officer', 'registry'], scoped: true })
@ApiTags('corrections')
@Controller('v1/entities/:bin/events/:eventId')
export class AmendmentsController {
  private readonly validation = new StrictValidationPipe();

  constructor(
    private readonly facts: FactRecorder,
    @Inject(EntityRecords) private readonly records: EntityRecords,
  ) {}

  @PostFact('retraction', 'Retract a fact recorded in error: it stops counting, and stays on record, marked')
  async retract(
    @Param() { bin, eventId }: EventPath,
    @Body() body: RetractionRequest,
    @Req() request: { principal?: Caller },
    @Write() write: WriteRequest,
  ) {
    await this.target(bin, eventId, request.principal);
    return this.facts.record(bin, 'RetractFact', { retractedEventId: eventId, ...body }, write);
  }

  @PostFact(
    'correction',
    'Correct a fact: its complete corrected body, checked as its own endpoint checks it, in its place',
  )
  async correct(
    @Param() { bin, eventId }: EventPath,
    @Body() body: CorrectionRequest,
    @Req() request: { principal?: Caller },
    @Write() write: WriteRequest,
  ) {
    const target = await this.target(bin, eventId, request.principal).catch((refusal: unknown) =>
      this.refuseBodyFirst(body.data, refusal),
    );
    const type = target.recorded.type as Exclude<FactType, 'EntityRegistered'>;
    const { request: bodyType, fromPath } = CORRECTION_BODIES[type];
    const original = target.recorded.data as Record<string, unknown>;
    const corrected = (await this.validation
      .transform(body.data, { type: 'body', metatype: bodyType, data: '' })
      .catch((error: unknown) => {
        throw underData(error);
      })) as Record<string, unknown>;
    const data = Object.fromEntries(
      Object.entries({ ...Object.fromEntries(fromPath.map((field) => [field, original[field]])), ...corrected }).filter(
        ([, value]) => value !== undefined,
      ),
    );
    return this.facts.record(bin, 'CorrectFact', { correctedEventId: eventId, reason: body.reason, data }, write);
  }

  /**
   * A correction whose fact cannot be corrected, but whose `data` is the body of no correctable
   * fact at all, is refused as the document refuses it (400), like any other invalid body, before
   * what the log holds is told; a refusal of access stands first.
   */
  private async refuseBodyFirst(data: unknown, refusal: unknown): Promise<never> {
    if (refusal instanceof ProblemError && refusal.problem.status === 403) throw refusal;
    for (const metatype of CORRECTION_REQUESTS) {
      const fits = await this.validation.transform(data, { type: 'body', metatype, data: '' }).then(
        () => true,
        () => false,
      );
      if (fits) throw refusal;
    }
    throw validationProblem([{ field: 'data', message: 'data must be the body of a fact that can be corrected' }]);
  }

  /**
   * The fact the path names, as the log has it now, if the caller may amend it: the decider
   * refuses what may not be amended, but the body of a correction is checked against the type
   * of its fact first, and the register operator amends only the indices it supplies.
   */
  private async target(bin: string, eventId: string, caller: Caller | undefined): Promise<RecordEntry> {
    const { record } = await this.records.current(bin, { fresh: true });
    const target = amendableFact(record, eventId);
    const registerIndex = !(target instanceof RuleViolation) && target.recorded.type === 'RegisterIndexRecorded';
    if ((caller?.role === 'registry' && !registerIndex) || (caller?.role === 'officer' && registerIndex)) {
      throw new ProblemError(
        'forbidden',
        caller.role === 'registry'
          ? 'A registry key amends only the register indices it supplies'
          : 'Register indices are amended by the register operator',
      );
    }
    // a fact retracted already is the decider's to refuse, after a retry has found its answer
    if (target instanceof RuleViolation && target.rule !== 'fact-already-retracted') throw ruleViolationProblem(target);
    return target instanceof RuleViolation
      ? (recordEntries(record).find((e) => e.eventId === eventId) as RecordEntry)
      : target;
  }
}

/** The body's validation problems, named as fields of `data`. */
function underData(error: unknown): unknown {
  if (!(error instanceof ProblemError) || !Array.isArray(error.problem.errors)) return error;
  return validationProblem(
    error.problem.errors.map(({ field, message }) => ({
      field: field === '(body)' ? 'data' : `data.${field}`,
      message: field === '(body)' ? message.replace('The body', 'data') : `data.${message}`,
    })),
  );
}
