import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  convictionsAt,
  decide,
  emptyRecord,
  entityProfile,
  evolve,
  FLAG_CODES,
  instantOf,
  METHODOLOGY_V1,
  recordEntries,
  registerView,
  RuleViolation,
  scoreRecord,
  type CommandOf,
  type ComplianceCommand,
  type ComplianceCommandType,
  type EntityRecord,
  type IdentifiedEvent,
} from '#domain';
import { ComplianceEventLog, type RecordingContext, verifyChain } from '#event-log';
import type { EventStore } from '#event-store';
import { SqliteEventStore } from '#event-store/sqlite';
import { ProjectionRunner, ReadModels, servedView, storedView, type Quarantine } from '#projections';
import { ruleViolationProblem } from '../../src/commands/rule-violation.problem.js';
import { APP_CONFIG } from '../../src/config/app-config.module.js';
import { EVENT_STORE } from '../../src/event-store/event-store.module.js';
import { EventStoreHealthIndicator } from '../../src/health/event-store.health.js';
import { HealthController } from '../../src/health/health.controller.js';
import { ProjectionsHealthIndicator } from '../../src/health/projections.health.js';
import { ProjectionLag } from '../../src/read-side/projection-lag.js';
import { sendProblem } from '../../src/http/problem-details/problem-details.filter.js';
import { ProblemError, validationProblem } from '../../src/http/problem-details/problem.js';
import { RESPONSE_SCHEMAS, type ResponseSchemaName } from '../../src/openapi/schemas/index.js';
import { entityNotFound, entityWithheld } from '../../src/queries/problems.js';
import { exportLine, storedEventView } from '../../src/queries/stored-event.view.js';
import { aBin, IIN, OTHER_IIN, TestApp } from '../support/test-app.js';

/**
 * The response schemas hold the API to what it sends: every answer the domain, the libraries and
 * the running service produce validates against its schema (Ajv, JSON Schema 2020-12, strict),
 * and a field added, dropped or nulled without the schema saying so fails.
 */

// TypeBox marks its schemas with non-enumerable `~kind` and `~optional` properties: JSON and Ajv
// never see them. The schemas are compiled from their JSON, exactly what the OpenAPI document holds.
const asDocumented = (schema: unknown): object => JSON.parse(JSON.stringify(schema)) as object;

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats.default(ajv);
const validators = Object.fromEntries(
  Object.entries(RESPONSE_SCHEMAS).map(([name, schema]) => [name, ajv.compile(asDocumented(schema))]),
) as Record<ResponseSchemaName, ValidateFunction>;

/** The errors of a value that should be valid, as readable lines (empty when it is). */
function errorsOf(name: ResponseSchemaName, value: unknown): string[] {
  const validate = validators[name];
  if (validate(onTheWire(value))) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** A value as an HTTP answer carries it: JSON (an undefined field is absent). */
const onTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const expectValid = (name: ResponseSchemaName, value: unknown) => expect(errorsOf(name, value)).toEqual([]);
const expectInvalid = (name: ResponseSchemaName, value: unknown) => expect(errorsOf(name, value)).not.toEqual([]);

// --- a rich entity: every kind of fact, so every part of every answer is filled at some instant ---

const PARENT_BIN = '940740000911';
const HEAD_IIN = OTHER_IIN;

interface Step {
  readonly label?: string;
  /** The command, given the event ids of the steps recorded before (by label). */
  readonly command: (eventIdOf: (label: string) => string) => ComplianceCommand;
}

const fact = <Type extends ComplianceCommandType>(type: Type, data: CommandOf<Type>['data'], label?: string): Step => ({
  label,
  command: () => ({ type, data }) as ComplianceCommand,
});

function richEntity(bin: string): Step[] {
  return [
    fact('RegisterEntity', {
      bin,
      name: 'Kazakhstan Temir Zholy',
      legalForm: 'JSC',
      stateSharePercent: 100,
      parentBin: PARENT_BIN,
      sector: 'transport',
      region: 'Astana',
      registeredOn: '2019-03-01',
    }),
    fact('ChangeEntityDetails', { name: 'KTZ National Company', region: 'Almaty', changedOn: '2021-06-01' }),
    fact('EstablishComplianceService', { officerIin: IIN, officerName: 'Dana N.', establishedOn: '2020-01-01' }),
    fact('AppointHead', { iin: HEAD_IIN, fullName: 'Head Person', position: 'chairman', appointedOn: '2021-01-01' }),
    fact('AppointHead', { iin: IIN, fullName: 'Deputy Person', position: 'deputy', appointedOn: '2021-02-01' }),
    fact('DismissHead', { iin: IIN, dismissedOn: '2022-02-01', reason: 'retired' }),
    fact('IssueCertificate', {
      certificateId: 'c1',
      certificateNumber: 'KZ-37001-1',
      standard: 'ISO_37001',
      edition: '2016',
      certificationBody: 'Body',
      scope: 'management of the company',
      issuedOn: '2022-01-10',
      expiresOn: '2025-01-09',
    }),
    fact('CompleteSurveillanceAudit', {
      certificateId: 'c1',
      auditedOn: '2023-01-10',
      outcome: 'minor_nonconformities',
      notes: 'two findings',
    }),
    fact('SuspendCertificate', { certificateId: 'c1', suspendedOn: '2023-06-01', reason: 'findings open' }),
    fact('ReinstateCertificate', { certificateId: 'c1', reinstatedOn: '2023-07-01' }),
    fact('RenewCertificate', {
      certificateId: 'c1',
      renewedOn: '2024-12-01',
      expiresOn: '2027-12-01',
      certificateNumber: 'KZ-37001-2',
    }),
    fact('IssueCertificate', {
      certificateId: 'c2',
      certificateNumber: 'KZ-3049-1',
      standard: 'ST_RK_3049',
      certificationBody: 'Other body',
      issuedOn: '2023-03-01',
      expiresOn: '2026-03-01',
    }),
    fact('WithdrawCertificate', { certificateId: 'c2', withdrawnOn: '2025-02-01', reason: 'misconduct' }),
    fact('IssueCertificate', {
      certificateId: 'c3',
      certificateNumber: 'KZ-37001-3',
      standard: 'ISO_37001',
      edition: '2025',
      certificationBody: 'Body',
      issuedOn: '2024-02-01',
      expiresOn: '2029-01-31',
    }),
    fact('SuspendCertificate', { certificateId: 'c3', suspendedOn: '2025-03-01', reason: 'audit refused' }),
    fact('DeclareConflictOfInterest', {
      declarationId: 'd1',
      declarantIin: IIN,
      position: 'buyer',
      nature: 'spouse at supplier',
      relatedParty: 'Supplier LLP',
      declaredOn: '2025-01-01',
    }),
    fact('SettleConflictOfInterest', {
      declarationId: 'd1',
      measure: 'recusal',
      decidedBy: 'commission',
      settledOn: '2025-01-05',
    }),
    fact('DeclareConflictOfInterest', {
      declarationId: 'd2',
      declarantIin: HEAD_IIN,
      position: 'chairman',
      nature: 'brother at a contractor',
      declaredOn: '2025-03-01',
    }),
    fact('RecordUndeclaredConflict', {
      personIin: IIN,
      position: 'engineer',
      description: 'stake in a contractor',
      detectedOn: '2025-02-10',
      detectionSource: 'internal audit',
    }),
    fact('ReportGift', {
      giftId: 'g1',
      recipientIin: IIN,
      recipientIsFamilyMember: false,
      donor: 'Supplier',
      description: 'watch',
      valueKzt: 100000,
      receivedOn: '2025-02-01',
    }),
    fact('HandOverGift', { giftId: 'g1', handedOverOn: '2025-02-05', handedOverTo: 'gift commission' }),
    fact('ReportGift', {
      giftId: 'g2',
      recipientIin: HEAD_IIN,
      recipientIsFamilyMember: true,
      donor: 'Contractor',
      description: 'pen',
      valueKzt: 5000.5,
      receivedOn: '2025-03-01',
    }),
    fact('RecordGiftBanViolation', {
      personIin: HEAD_IIN,
      description: 'kept a gift',
      occurredOn: '2025-01-20',
      valueKzt: 90000,
    }),
    fact(
      'RecordGiftBanViolation',
      { personIin: IIN, description: 'wrong entity', occurredOn: '2025-01-21' },
      'mistake',
    ),
    fact('RegisterCorruptionOffence', {
      offenceId: 'o1',
      employeeIin: IIN,
      position: 'engineer',
      category: 'fraud',
      registeredOn: '2024-01-10',
      description: 'inflated invoices',
    }),
    fact('ConvictCorruptionOffence', { offenceId: 'o1', convictedOn: '2024-06-01' }),
    fact('ImposePersonalResponsibilitySanction', {
      sanctionId: 's1',
      headIin: HEAD_IIN,
      headPosition: 'chairman',
      sanction: 'severe_reprimand',
      offenceId: 'o1',
      imposedOn: '2024-06-20',
    }),
    fact('RegisterCorruptionOffence', {
      offenceId: 'o2',
      employeeIin: IIN,
      position: 'buyer',
      category: 'bribe_taking',
      registeredOn: '2025-04-01',
    }),
    fact('RegisterCorruptionOffence', {
      offenceId: 'o3',
      employeeIin: IIN,
      position: 'driver',
      category: 'other',
      registeredOn: '2023-01-01',
    }),
    fact('CloseCorruptionOffence', { offenceId: 'o3', closedOn: '2023-05-01', reason: 'not proven' }),
    // the chairman in office convicted: a lifetime-ban breach, and no head sanctioned for it
    fact('RegisterCorruptionOffence', {
      offenceId: 'o4',
      employeeIin: HEAD_IIN,
      position: 'chairman',
      category: 'abuse_of_office',
      registeredOn: '2025-01-15',
    }),
    fact('ConvictCorruptionOffence', { offenceId: 'o4', convictedOn: '2025-02-15' }),
    fact('CompleteCorruptionRiskAnalysis', {
      period: '2025',
      completedOn: '2025-03-01',
      risksFound: 3,
      publicCouncilInvolved: true,
    }),
    fact(
      'CompleteAntiCorruptionTraining',
      { completedOn: '2025-02-01', participants: 80, staffTotal: 100, programme: 'ethics' },
      'training',
    ),
    fact('RecordRegisterIndex', {
      index: 'payment_discipline',
      value: 88,
      source: 'State Revenue Committee',
      asOf: '2024-04-01',
    }),
    fact('RecordRegisterIndex', {
      index: 'payment_discipline',
      value: 91.5,
      source: 'State Revenue Committee',
      asOf: '2025-04-01',
    }),
    fact('RecordRegisterIndex', { index: 'financial_stability', value: -3, source: 'Atameken', asOf: '2025-04-01' }),
    {
      command: (id) => ({
        type: 'RetractFact',
        data: { retractedEventId: id('mistake'), reason: 'recorded for the wrong entity', retractedOn: '2025-05-01' },
      }),
    },
    {
      command: (id) => ({
        type: 'CorrectFact',
        data: {
          correctedEventId: id('training'),
          reason: 'typed the wrong count',
          data: { completedOn: '2025-02-01', participants: 90, staffTotal: 100, programme: 'ethics' },
        },
      }),
    },
  ];
}

/** The steps run through the decider, as a write runs them: each accepted, with a UUID like the log gives. */
function decided(steps: readonly Step[]): { events: IdentifiedEvent[]; records: EntityRecord[] } {
  const ids = new Map<string, string>();
  const events: IdentifiedEvent[] = [];
  const records: EntityRecord[] = [];
  let record = emptyRecord;
  for (const step of steps) {
    const command = step.command((label) => ids.get(label) ?? label);
    const decision = decide(command, record);
    if (decision instanceof RuleViolation) throw new Error(`${command.type} refused: ${decision.rule}`);
    for (const event of decision) {
      const identified = { eventId: randomUUID(), event };
      if (step.label) ids.set(step.label, identified.eventId);
      record = evolve(record, identified);
      events.push(identified);
      records.push(record);
    }
  }
  return { events, records };
}

/** First days of each month from the entity's registration to years after its last certificate expires. */
const MONTHS = Array.from({ length: 12 * 11 }, (_, i) => {
  const month = new Date(Date.UTC(2019, 2 + i, 1));
  return instantOf(month.toISOString().slice(0, 10));
});

const BIN = '081140000436';
const rich = decided(richEntity(BIN));
const record = rich.records.at(-1) as EntityRecord;
const now = Date.parse('2026-01-15T10:00:00Z');

/** The register view as the service serves it: stored once, its stamps filled at the moment it is served. */
const served = (view: ReturnType<typeof registerView>, at: number): unknown =>
  JSON.parse(servedView(storedView(view), at));

describe('the response schemas', () => {
  it('compile under Ajv 2020-12 in strict mode, as the plain JSON the document holds', () => {
    for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) {
      const json = JSON.stringify(schema);
      expect({ name, nullable: json.includes('"nullable"') }).toEqual({ name, nullable: false });
      expect({ name, typeboxMarker: json.includes('"~') }).toEqual({ name, typeboxMarker: false });
      expect(ajv.validateSchema(asDocumented(schema))).toBe(true);
    }
  });

  it('close every response object but the problem and the event data', () => {
    const open: string[] = [];
    const visit = (schema: unknown, path: string): void => {
      if (Array.isArray(schema)) return schema.forEach((item, i) => visit(item, `${path}/${i}`));
      if (typeof schema !== 'object' || schema === null) return;
      const node = schema as Record<string, unknown>;
      if (node.type === 'object' && node.additionalProperties !== false) open.push(path);
      for (const [key, value] of Object.entries(node)) visit(value, `${path}/${key}`);
    };
    for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS)) visit(asDocumented(schema), name);
    expect(open.sort()).toEqual([
      'ExportLine/properties/data',
      'HistoryPage/properties/events/items/properties/data',
      'Problem',
      'StoredEvent/properties/data',
    ]);
  });
});

describe('what the domain and the libraries produce validates', () => {
  it('the register view, as served, at every month of a rich history, with every flag raised at some point', () => {
    const convictions = convictionsAt(record);
    const raised = new Set<string>();
    for (const asOf of MONTHS) {
      const view = registerView(BIN, record, asOf, METHODOLOGY_V1, convictions);
      view.flags.forEach((flag) => raised.add(flag.code));
      expectValid('RegisterView', served(view, asOf));
    }
    expect([...raised].sort()).toEqual([...FLAG_CODES].sort());
  });

  it('the register view of a fuller instant has every part filled', () => {
    const asOf = instantOf('2025-06-01');
    const view = registerView(BIN, record, asOf, METHODOLOGY_V1, convictionsAt(record));
    expect(view.indicators.certificate).not.toBeNull();
    expect(view.registerIndices).toHaveLength(2);
    expect(view.indicators.openInvestigations).toBeGreaterThan(0);
    // `at()` of the register views: the computed view with its knownAt, never stored
    expectValid('RegisterView', { ...view, knownAt: new Date(now).toISOString() });
  });

  it('every prefix of the history: the register view, the profile and the score card (nulls and empties included)', () => {
    for (const [i, prefix] of rich.records.entries()) {
      const profile = entityProfile(prefix);
      expect(profile).toBeDefined();
      expectValid('EntityProfile', profile);
      const card = scoreRecord(prefix, now, METHODOLOGY_V1, convictionsAt(prefix));
      expectValid('ScoreCard', { bin: BIN, ...card, knownAt: new Date(now).toISOString(), logSize: 42 });
      expectValid('RegisterView', served(registerView(BIN, prefix, now, METHODOLOGY_V1), now + i));
    }
  });

  it('the profile of the rich entity shows certificates with history, settlements, hand-overs and outcomes', () => {
    const profile = entityProfile(record);
    expectValid('EntityProfile', profile);
    expect(profile?.certificates.map((c) => c.history.length)).toEqual([4, 1, 1]);
    expect(profile?.corruptionOffences.map((o) => o.status)).toEqual(['convicted', 'open', 'closed', 'convicted']);
  });

  it('the score card, at every month', () => {
    const convictions = convictionsAt(record);
    for (const asOf of MONTHS) {
      const card = scoreRecord(record, asOf, METHODOLOGY_V1, convictions);
      expectValid('ScoreCard', { bin: BIN, ...card, knownAt: new Date(now).toISOString(), logSize: 42 });
    }
  });

  it('random parts of the rich history, at random instants (fast-check)', () => {
    const steps = richEntity(BIN);
    fc.assert(
      fc.property(
        fc.subarray(steps.slice(1), { minLength: 0 }),
        fc.integer({ min: Date.parse('2018-01-01'), max: Date.parse('2031-01-01') }),
        (chosen, asOf) => {
          // the subset keeps the order; facts it makes impossible are refused, as a write would be
          let partial = emptyRecord;
          const ids = new Map<string, string>();
          for (const step of [steps[0], ...chosen]) {
            const decision = decide(
              step.command((label) => ids.get(label) ?? randomUUID()),
              partial,
            );
            if (decision instanceof RuleViolation) continue;
            for (const event of decision) {
              const identified = { eventId: randomUUID(), event };
              if (step.label) ids.set(step.label, identified.eventId);
              partial = evolve(partial, identified);
            }
          }
          const lines = [
            ...errorsOf('RegisterView', served(registerView(BIN, partial, asOf, METHODOLOGY_V1), asOf)),
            ...errorsOf('EntityProfile', entityProfile(partial)),
            ...errorsOf('ScoreCard', {
              bin: BIN,
              ...scoreRecord(partial, asOf, METHODOLOGY_V1, convictionsAt(partial)),
              knownAt: new Date(asOf).toISOString(),
              logSize: 7,
            }),
          ];
          expect(lines).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('lookup answers, changes and their pages', () => {
    const view = served(registerView(BIN, record, now, METHODOLOGY_V1), now);
    expectValid('RegisterLookup', [
      view,
      { bin: aBin(), found: false },
      { bin: aBin(), found: true, withheld: 'entity-quarantined' },
    ]);
    const change = { position: '00000000000000000042', bin: BIN, view };
    expectValid('RegisterChange', change);
    expectValid('RegisterChangesPage', { changes: [change], next: '00000000000000000042' });
    expectValid('RegisterChangesPage', { changes: [] });
  });

  describe('from a real event log', () => {
    let dir: string;
    let store: SqliteEventStore;
    let log: ComplianceEventLog;
    const results: unknown[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'response-schemas-'));
      store = SqliteEventStore.open({ filename: join(dir, 'events.db') });
      log = new ComplianceEventLog(store);
      // decided again against the log, so the amendments name the ids the log gave
      let stream = await log.load(BIN);
      let folded = emptyRecord;
      const ids = new Map<string, string>();
      for (const [i, step] of richEntity(BIN).entries()) {
        const decision = decide(
          step.command((label) => ids.get(label) ?? label),
          folded,
        );
        if (decision instanceof RuleViolation) throw new Error(decision.message);
        const recording: RecordingContext = {
          recordedBy: { id: 'officer-1', role: 'officer' },
          correlationId: i % 2 === 0 ? randomUUID() : 'client-correlation-7',
          causationId: randomUUID(),
          ...(i % 3 === 0 ? { idempotency: { key: `key-${i}`, fingerprint: 'a'.repeat(64) } } : {}),
        };
        const appended = await log.append(stream, decision, recording);
        results.push(...appended.results);
        stream = appended.stream;
        for (const [j, { eventId }] of appended.results.entries()) {
          if (step.label) ids.set(step.label, eventId);
          folded = evolve(folded, { eventId, event: decision[j] });
        }
      }
    });

    afterAll(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('write results', () => {
      expect(results).toHaveLength(rich.events.length);
      for (const result of results) expectValid('WriteResult', result);
    });

    it('the history, marked with its retractions and corrections, as the history endpoint pages it', async () => {
      const stored = await store.readStream(`entity-${BIN}`);
      // the log gave its own ids: mark them from the record the stored events fold into
      const folded = stored.reduce(
        (acc, recorded) => evolve(acc, { eventId: recorded.eventId, event: log.decode(recorded).event }),
        emptyRecord,
      );
      const amended = new Map(
        recordEntries(folded)
          .filter((entry) => entry.retractedBy !== undefined || entry.correctedBy !== undefined)
          .map((entry) => [entry.eventId, entry]),
      );
      expect(amended.size).toBe(2);
      const events = stored.map((recorded) => {
        const marks = amended.get(recorded.eventId);
        return {
          ...storedEventView(recorded),
          ...(marks?.retractedBy === undefined ? {} : { retractedBy: marks.retractedBy }),
          ...(marks?.correctedBy === undefined ? {} : { correctedBy: marks.correctedBy }),
        };
      });
      for (const event of events) expectValid('StoredEvent', event);
      expectValid('HistoryPage', {
        events: events.slice(0, 10),
        next: Buffer.from(JSON.stringify(['events', 10])).toString('base64url'),
      });
      expectValid('HistoryPage', { events });
    });

    it('export lines', async () => {
      const stored = await store.readAll();
      for (const recorded of stored) {
        const line = exportLine(recorded);
        expect(line.endsWith('\n')).toBe(true);
        expectValid('ExportLine', JSON.parse(line));
      }
    });

    it('the integrity answer, intact and with a problem the read models found', async () => {
      const chain = verifyChain(await store.readStream(`entity-${BIN}`));
      expectValid('Integrity', { ...chain, valid: chain.valid, problems: [] });
      // as the integrity endpoint shows a quarantine entry: without its bin
      const problem: Omit<Quarantine, 'bin'> = {
        code: 'chain-broken',
        revision: 3,
        position: '00000000000000000004' as never,
        detail: 'prevHash differs',
        detectedAt: new Date().toISOString(),
      };
      expectValid('Integrity', { valid: false, checkedEvents: 4, firstBrokenRevision: 3, problems: [problem] });
    });
  });

  describe('problem documents, as the problem filter sends them', () => {
    /** What sendProblem sends for an error thrown while answering `url`. */
    function sent(error: unknown, url = `/v1/entities/${BIN}/gifts?x=1`): unknown {
      let body: unknown;
      const reply = {
        status: () => reply,
        headers: () => reply,
        header: () => reply,
        send: (payload: unknown) => {
          body = payload;
          return reply;
        },
      };
      sendProblem(error, { url } as never, reply as never, { error: () => undefined, warn: () => undefined });
      return body;
    }

    const refusal = (commands: ComplianceCommand[], last: ComplianceCommand): RuleViolation => {
      const { records } = decided(commands.map((command) => ({ command: () => command })));
      const decision = decide(last, records.at(-1) ?? emptyRecord);
      if (!(decision instanceof RuleViolation)) throw new Error(`${last.type} was accepted`);
      return decision;
    };
    const registration = { type: 'RegisterEntity', data: { bin: BIN, name: 'N', stateSharePercent: 100 } } as const;

    it('validation, rules (with their field, or their dependents), concurrency, quarantine and the framework', () => {
      const quarantine: Quarantine = {
        bin: BIN,
        code: 'revision-skipped',
        revision: 7,
        position: '00000000000000000099' as never,
        detail: 'revision 6 never arrived',
        detectedAt: new Date().toISOString(),
      };
      const ownParent = refusal([], { ...registration, data: { ...registration.data, parentBin: BIN } });
      const offence = rich.events.find((e) => e.event.type === 'CorruptionOffenceRegistered');
      const dependents = decide(
        { type: 'RetractFact', data: { retractedEventId: offence?.eventId ?? '', reason: 'r' } },
        record,
      );
      expect(dependents).toBeInstanceOf(RuleViolation);
      const problems = [
        validationProblem([{ field: 'expiresOn', message: 'expiresOn must be a date' }]),
        ruleViolationProblem(ownParent),
        ruleViolationProblem(dependents as RuleViolation),
        ruleViolationProblem(
          refusal([registration], {
            type: 'SettleConflictOfInterest',
            data: { declarationId: 'x', measure: 'other', decidedBy: 'd', settledOn: '2025-01-01' },
          }),
        ),
        new ProblemError('revision-mismatch', 'If-Match expected revision 2, but the entity is at revision 5', {
          currentRevision: 5,
        }),
        new ProblemError('revision-mismatch', 'If-Match expected revision 2, but the entity has no events', {
          currentRevision: null,
        }),
        entityNotFound(BIN),
        entityWithheld(quarantine),
        new NotFoundException('Cannot GET /v1/nothing'),
        Object.assign(new Error('Unsupported Media Type: text/plain'), { statusCode: 415 }),
        Object.assign(new Error(), { statusCode: 405, message: undefined }),
        new Error('a bug'),
      ];
      const bodies = problems.map((problem) => sent(problem));
      for (const body of bodies) expectValid('Problem', body);
      expect(bodies.map((body) => (body as { type: string }).type.split(':').at(-1))).toEqual([
        'validation-failed',
        'entity-own-parent',
        'fact-has-dependents',
        'declaration-not-found',
        'revision-mismatch',
        'revision-mismatch',
        'entity-not-registered',
        'entity-quarantined',
        'not-found',
        'unsupported-media-type',
        'http-error',
        'internal-error',
      ]);
    });

    it('a refusal of the HTTP parser, answered before any route: no instance', () => {
      const { problem } = new ProblemError('headers-too-large', 'The request headers are over the server limit');
      expect(problem).not.toHaveProperty('instance');
      expectValid('Problem', problem);
    });
  });

  describe('the readiness report of /health', () => {
    async function healthController(options: { storeFails: boolean; ready: boolean }) {
      const fail = () => {
        if (options.storeFails) throw new Error('SQLITE_CANTOPEN: unable to open database file');
      };
      const store: Pick<EventStore, 'headPosition' | 'readAll'> = {
        headPosition: async () => (fail(), '00000000000000000042' as never),
        // behind: the oldest event not applied was committed three seconds ago
        readAll: async () => (fail(), options.ready ? [] : [{ created: new Date(Date.now() - 3_000) } as never]),
      };
      const module = await Test.createTestingModule({
        imports: [TerminusModule.forRoot({ logger: false })],
        controllers: [HealthController],
        providers: [
          EventStoreHealthIndicator,
          ProjectionsHealthIndicator,
          ProjectionLag,
          { provide: EVENT_STORE, useValue: store },
          { provide: APP_CONFIG, useValue: { postgres: { url: 'postgres://db/compliance', schema: 'public' } } },
          {
            provide: ProjectionRunner,
            useValue: {
              ready: options.ready,
              checkpoint: options.ready ? '00000000000000000042' : undefined,
              lastFailure: undefined,
            },
          },
          { provide: ReadModels, useValue: { quarantine: { all: () => [{ bin: BIN }] } } },
        ],
      }).compile();
      return module.get(HealthController);
    }

    /** The body the health filter sends: terminus's report, with its 503. */
    async function report(controller: HealthController): Promise<{ status: number; body: unknown }> {
      try {
        return { status: 200, body: await controller.check() };
      } catch (error) {
        if (!(error instanceof ServiceUnavailableException)) throw error;
        return { status: error.getStatus(), body: error.getResponse() };
      }
    }

    it('ready (200), and not ready for either reason or both (503)', async () => {
      const ready = await report(await healthController({ storeFails: false, ready: true }));
      expect(ready.status).toBe(200);
      expectValid('Health', ready.body);
      expectInvalid('HealthUnavailable', ready.body);
      for (const options of [
        { storeFails: true, ready: true },
        { storeFails: false, ready: false },
        { storeFails: true, ready: false },
      ]) {
        const unready = await report(await healthController(options));
        expect(unready.status).toBe(503);
        expectValid('HealthUnavailable', unready.body);
        expectInvalid('Health', unready.body);
      }
    });
  });
});

describe('the running service answers what the schemas describe', () => {
  let api: TestApp;
  const bin = aBin();
  const ids = new Map<string, string>();
  let position = '';

  /** A step as its write endpoint takes it: method, path below the entity, and body. */
  function request(command: ComplianceCommand): { method: 'POST' | 'PATCH'; url: string; body: object } {
    const at = (path: string) => `/v1/entities/${bin}${path}`;
    const without = <Data extends object>(data: Data, ...fields: (keyof Data)[]) =>
      Object.fromEntries(Object.entries(data).filter(([field]) => !fields.includes(field as keyof Data)));
    const { type, data } = command;
    switch (type) {
      case 'RegisterEntity':
        return { method: 'POST', url: '/v1/entities', body: data };
      case 'ChangeEntityDetails':
        return { method: 'PATCH', url: at(''), body: data };
      case 'EstablishComplianceService':
        return { method: 'POST', url: at('/compliance-service'), body: data };
      case 'AppointHead':
        return { method: 'POST', url: at('/heads'), body: data };
      case 'DismissHead':
        return { method: 'POST', url: at(`/heads/${data.iin}/dismissal`), body: without(data, 'iin') };
      case 'IssueCertificate':
        return { method: 'POST', url: at('/certificates'), body: data };
      case 'CompleteSurveillanceAudit':
      case 'SuspendCertificate':
      case 'ReinstateCertificate':
      case 'WithdrawCertificate':
      case 'RenewCertificate': {
        const step = {
          CompleteSurveillanceAudit: 'surveillance-audits',
          SuspendCertificate: 'suspension',
          ReinstateCertificate: 'reinstatement',
          WithdrawCertificate: 'withdrawal',
          RenewCertificate: 'renewal',
        }[type];
        return {
          method: 'POST',
          url: at(`/certificates/${data.certificateId}/${step}`),
          body: without(data, 'certificateId'),
        };
      }
      case 'DeclareConflictOfInterest':
        return { method: 'POST', url: at('/conflicts-of-interest'), body: data };
      case 'SettleConflictOfInterest':
        return {
          method: 'POST',
          url: at(`/conflicts-of-interest/${data.declarationId}/settlement`),
          body: without(data, 'declarationId'),
        };
      case 'RecordUndeclaredConflict':
        return { method: 'POST', url: at('/undeclared-conflicts'), body: data };
      case 'ReportGift':
        return { method: 'POST', url: at('/gifts'), body: data };
      case 'HandOverGift':
        return { method: 'POST', url: at(`/gifts/${data.giftId}/hand-over`), body: without(data, 'giftId') };
      case 'RecordGiftBanViolation':
        return { method: 'POST', url: at('/gift-ban-violations'), body: data };
      case 'RegisterCorruptionOffence':
        return { method: 'POST', url: at('/corruption-offences'), body: data };
      case 'ConvictCorruptionOffence':
        return {
          method: 'POST',
          url: at(`/corruption-offences/${data.offenceId}/conviction`),
          body: without(data, 'offenceId'),
        };
      case 'CloseCorruptionOffence':
        return {
          method: 'POST',
          url: at(`/corruption-offences/${data.offenceId}/closure`),
          body: without(data, 'offenceId'),
        };
      case 'ImposePersonalResponsibilitySanction':
        return { method: 'POST', url: at('/sanctions'), body: data };
      case 'CompleteCorruptionRiskAnalysis':
        return { method: 'POST', url: at('/risk-analyses'), body: data };
      case 'CompleteAntiCorruptionTraining':
        return { method: 'POST', url: at('/trainings'), body: data };
      case 'RecordRegisterIndex':
        return { method: 'POST', url: at('/register-indices'), body: data };
      case 'RetractFact':
        return {
          method: 'POST',
          url: at(`/events/${data.retractedEventId}/retraction`),
          body: without(data, 'retractedEventId'),
        };
      case 'CorrectFact':
        return {
          method: 'POST',
          url: at(`/events/${data.correctedEventId}/correction`),
          body: without(data, 'correctedEventId'),
        };
    }
  }

  const get = (url: string) => api.request('GET', url);

  beforeAll(async () => {
    api = await TestApp.start();
    for (const [i, step] of richEntity(bin).entries()) {
      const { method, url, body } = request(step.command((label) => ids.get(label) ?? label));
      const reply = await api.send(method, url, body, i % 4 === 0 ? { 'idempotency-key': `schemas-${bin}-${i}` } : {});
      expect({ url, status: reply.status, body: reply.status === 201 ? undefined : reply.body }).toEqual({
        url,
        status: 201,
        body: undefined,
      });
      expectValid('WriteResult', reply.body);
      if (step.label) ids.set(step.label, reply.body.eventId);
      position = reply.body.position;
    }
  });

  afterAll(() => api.stop());

  it('the register: a view now and at an instant, a lookup, list pages and changes pages', async () => {
    const now = await get(`/v1/register/${bin}?minPosition=${position}`);
    expect(now.status).toBe(200);
    expectValid('RegisterView', now.body);
    const then = await get(`/v1/register/${bin}?asOf=2025-06-01&knownAt=2030-01-01`);
    expect(then.status).toBe(200);
    expectValid('RegisterView', then.body);

    const lookup = await api.post('/v1/register/lookup', { bins: [bin, aBin()] });
    expect(lookup.status).toBe(200);
    expectValid('RegisterLookup', lookup.body);

    const first = await get(`/v1/register?limit=1&minPosition=${position}`);
    expect(first.status).toBe(200);
    expect(first.body.next).toBeDefined();
    expectValid('RegisterListPage', first.body);
    const filtered = await get(`/v1/register?grade=${now.body.rating.grade}&sector=transport`);
    expect(filtered.body.items.length).toBeGreaterThan(0);
    expect(filtered.body.next).toBeUndefined();
    expectValid('RegisterListPage', filtered.body);

    const changes = await get('/v1/register/changes?limit=5');
    expect(changes.status).toBe(200);
    expectValid('RegisterChangesPage', changes.body);
    const last = await get(`/v1/register/changes?after=${position}`);
    expectValid('RegisterChangesPage', last.body);
  });

  it("the entity's profile, score (now and at an instant), score history, integrity, history and export", async () => {
    const profile = await get(`/v1/entities/${bin}?minPosition=${position}`);
    expect(profile.status).toBe(200);
    expectValid('EntityProfile', profile.body);

    // an instant asked at the end of year 9999 west of UTC is written with a six-digit year: not RFC 3339
    const farAsOf = '?asOf=9999-12-31T23:00:00-14:00&knownAt=9999-12-31T23:00:00-14:00';
    for (const query of ['', '?asOf=2025-06-01', '?asOf=2027-12-05T10:00:00%2B05:00&knownAt=2030-01-01', farAsOf]) {
      const score = await get(`/v1/entities/${bin}/score${query}`);
      expect(score.status).toBe(200);
      expectValid('ScoreCard', score.body);
    }
    const far = await get(`/v1/entities/${bin}/score${farAsOf}`);
    expect([far.body.asOf, far.body.knownAt]).toEqual(['+010000-01-01T13:00:00.000Z', '+010000-01-01T13:00:00.000Z']);

    const scoreHistory = await get(`/v1/entities/${bin}/score-history?limit=3&minPosition=${position}`);
    expect(scoreHistory.body.next).toBeDefined();
    expectValid('ScoreHistoryPage', scoreHistory.body);
    expectValid('ScoreHistoryPage', (await get(`/v1/entities/${bin}/score-history?limit=1000`)).body);

    expectValid('Integrity', (await get(`/v1/entities/${bin}/integrity`)).body);

    const page = await get(`/v1/entities/${bin}/events?limit=10`);
    expect(page.body.next).toBeDefined();
    expectValid('HistoryPage', page.body);
    const all = await get(`/v1/entities/${bin}/events?limit=1000`);
    expect(all.body.events.filter((e: object) => 'retractedBy' in e || 'correctedBy' in e)).toHaveLength(2);
    expectValid('HistoryPage', all.body);

    const exported = await get(`/v1/audit/export?bin=${bin}`);
    const lines = (exported.body as string).split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(all.body.events.length);
    for (const line of lines) expectValid('ExportLine', JSON.parse(line));
  });

  it('health', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expectValid('Health', health.body);
  });

  it('problems: unknown entity, invalid body, broken rules, stale If-Match, no key, no route', async () => {
    const stale = await api.post(
      `/v1/entities/${bin}/trainings`,
      { completedOn: '2025-05-01', participants: 1, staffTotal: 10 },
      { 'if-match': '"1"' },
    );
    const replies = [
      await get(`/v1/entities/${aBin()}`),
      await api.post(`/v1/entities/${bin}/gifts`, { giftId: 'g9', extra: true }),
      await api.post(`/v1/entities/${bin}/certificates`, {
        certificateId: 'c9',
        certificateNumber: 'N',
        standard: 'ISO_37001',
        certificationBody: 'B',
        issuedOn: '2025-01-01',
        expiresOn: '2024-01-01',
      }),
      await api.post(`/v1/entities/${bin}/conflicts-of-interest/unknown/settlement`, {
        measure: 'other',
        decidedBy: 'd',
        settledOn: '2025-01-01',
      }),
      await api.post(`/v1/entities/${bin}/events/${ids.get('mistake')}/retraction`, { reason: 'again' }),
      stale,
      await api.request('GET', `/v1/register/${bin}`, undefined, { authorization: 'Bearer nope' }),
      await get('/v1/nothing-here'),
      await api.request('POST', `/v1/entities/${bin}/gifts`, 'not json', { 'content-type': 'application/json' }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([404, 400, 400, 404, 409, 412, 401, 404, 400]);
    for (const reply of replies) {
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectValid('Problem', reply.body);
    }
    expect(stale.body.currentRevision).toEqual(expect.any(Number));
  });
});

describe('wrong shapes are refused', () => {
  const view = served(
    registerView(BIN, record, instantOf('2025-06-01'), METHODOLOGY_V1, convictionsAt(record)),
    now,
  ) as Record<string, never>;
  const profile = onTheWire(entityProfile(record)) as Record<string, never>;
  const card = onTheWire({
    bin: BIN,
    ...scoreRecord(record, now, METHODOLOGY_V1),
    knownAt: new Date(now).toISOString(),
    logSize: 12,
  }) as Record<string, never>;

  it('a field the schema does not describe, at the top or nested', () => {
    expectValid('RegisterView', view);
    expectInvalid('RegisterView', { ...view, iin: IIN });
    expectInvalid('RegisterView', { ...view, rating: { ...(view.rating as object), percentile: 90 } });
    expectInvalid('EntityProfile', { ...profile, employees: [] });
    expectInvalid('ScoreCard', { ...card, pillars: { ...(card.pillars as object), bonus: 1 } });
    expectInvalid('WriteResult', {
      eventId: randomUUID(),
      streamId: `entity-${BIN}`,
      revision: 0,
      position: '1',
      etag: '"0"',
    });
  });

  it('a required field missing', () => {
    const { knownAt: _knownAt, ...withoutKnownAt } = view;
    expectInvalid('RegisterView', withoutKnownAt);
    const { revision: _revision, ...withoutRevision } = profile;
    expectInvalid('EntityProfile', withoutRevision);
    expectInvalid('Problem', { type: 'urn:compliance-engine:problem:not-found', status: 404, instance: '/v1/x' });
  });

  it('a null where none is allowed, and a value outside its vocabulary or range', () => {
    expectInvalid('RegisterView', { ...view, name: null });
    expectInvalid('RegisterView', { ...view, flags: null });
    expectInvalid('RegisterView', { ...view, rating: { ...(view.rating as object), grade: 'E' } });
    expectInvalid('RegisterView', { ...view, rating: { ...(view.rating as object), score: 101 } });
    expectInvalid('RegisterView', { ...view, advisory: false });
    expectInvalid('ScoreCard', { ...card, flags: [{ code: 'SOMETHING_NEW', eventIds: [] }] });
    expectInvalid('ScoreCard', { ...card, knownAt: Date.now() });
    const change = { eventId: randomUUID(), type: 'GiftReported', revision: 1, score: 50, grade: 'C' };
    expectValid('ScoreHistoryPage', {
      bin: BIN,
      changes: [{ ...change, recordedAt: new Date().toISOString() }],
      logSize: 3,
    });
    expectInvalid('ScoreCard', { ...card, logSize: -1 });
    expectInvalid('ScoreHistoryPage', { bin: BIN, changes: [{ ...change, recordedAt: '2025-06-01' }], logSize: 3 });
    expectInvalid('ScoreHistoryPage', {
      bin: BIN,
      changes: [{ ...change, eventId: 'e1', recordedAt: new Date().toISOString() }],
      logSize: 3,
    });
    const certificates = profile.certificates as { history: { type: string; data: object }[] }[];
    const swapped = certificates.map((c) => ({
      ...c,
      history: c.history.map((step) => ({ ...step, type: 'CertificateReinstated' })),
    }));
    expectInvalid('EntityProfile', { ...profile, certificates: swapped });
    expectInvalid('RegisterLookupItem', { bin: BIN, found: false, withheld: 'entity-quarantined' });
  });

  it('problems stay open to new members, but the typed ones are checked', () => {
    const problem = {
      type: 'urn:compliance-engine:problem:revision-mismatch',
      title: 'The entity has changed since the revision in If-Match',
      status: 412,
      detail: 'd',
      instance: '/v1/entities/x/gifts',
    };
    expectValid('Problem', { ...problem, currentRevision: 3, traceId: 'abc' });
    expectInvalid('Problem', { ...problem, currentRevision: '3' });
    expectInvalid('Problem', { ...problem, type: 'urn:compliance-engine:problem:made-up' });
    expectInvalid('Problem', { ...problem, status: 302 });
    expectInvalid('Problem', { ...problem, errors: [{ field: 'x' }] });
  });
});
