import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complianceApiClient, type ApiSchema } from '#api-contract';
import { checkAgainstContract } from '../support/contract.js';
import { aBin, IIN, OTHER_IIN, TestApp } from '../support/test-app.js';

/**
 * An integrator's scenario, written only through the typed client of libs/api-contract
 * (openapi-fetch over the types openapi-typescript generates from the OpenAPI document), against
 * the service listening on a port: the compiler checks every path, parameter, body and answer
 * against the contract, and every answer is also checked against the document at run time.
 * No `any`, no casts, no `@ts-expect-error`.
 */

type Client = ReturnType<typeof complianceApiClient>;
type WriteResult = ApiSchema<'WriteResult'>;

/** What every call of the client answers: the typed body of a success, or the typed error. */
interface Answer<Data, Failure> {
  readonly data?: Data;
  readonly error?: Failure;
  readonly response: Response;
}

/** The body of a success with this status, or a failure naming what came back instead. */
function ok<Data, Failure>({ data, error, response }: Answer<Data, Failure>, status = 200): Data {
  if (data === undefined) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(error)}`);
  expect(response.status).toBe(status);
  return data;
}

/** A write's answer: 201, with its revision as the ETag, ready for If-Match. */
function recorded<Failure>(answer: Answer<WriteResult, Failure>): WriteResult {
  const result = ok(answer, 201);
  expect(answer.response.headers.get('etag')).toBe(`"${result.revision}"`);
  return result;
}

/** The typed problem document of a refusal with this status. */
function refused<Data, Failure extends { readonly type: string; readonly status: number }>(
  { error, response }: Answer<Data, Failure>,
  status: number,
): Failure {
  if (error === undefined) throw new Error(`expected ${status}, got ${response.status}`);
  expect([response.status, error.status, response.headers.get('content-type')]).toEqual([
    status,
    status,
    expect.stringMatching(/^application\/problem\+json/),
  ]);
  expect(error.type).toMatch(/^urn:compliance-engine:problem:/);
  return error;
}

/** Every item of a paged read: each page's `next` sent back as `cursor`, until none or an empty page. */
async function readAll<Page extends { readonly next?: string }, Item>(
  read: (paging: { readonly cursor?: string }) => Promise<Page>,
  itemsOf: (page: Page) => readonly Item[],
): Promise<{ readonly items: Item[]; readonly pages: number }> {
  const items: Item[] = [];
  let paging: { readonly cursor?: string } = {};
  for (let pages = 1; ; pages++) {
    const page = await read(paging);
    const some = itemsOf(page);
    items.push(...some);
    if (page.next === undefined || some.length === 0) return { items, pages };
    paging = { cursor: page.next };
  }
}

const TODAY = Date.now();
/** A calendar date `days` from today (negative: in the past); the same all through the scenario. */
const day = (days: number) => new Date(TODAY + days * 86_400_000).toISOString().slice(0, 10);
const GRADES = ['A', 'B', 'C', 'D'];
/** More people of the record, with valid check digits. */
const EMPLOYEE_IIN = '920502400136';
const OTHER_EMPLOYEE_IIN = '781122500317';

describe('an integrator on the typed client (openapi-fetch over the generated contract), against a listening service', () => {
  let api: TestApp;
  let admin: Client;
  let officer: Client;
  let registry: Client;
  let auditor: Client;
  /** Every HTTP call the clients make, each answer checked against the OpenAPI document. */
  let httpCalls = 0;

  const holding = aBin();
  const subsidiary = aBin();
  const foreign = aBin();
  const unknown = aBin();
  const entity = { path: { bin: subsidiary } };
  /** What the writes answered, by the event they recorded (`Type#2` for a second one). */
  const written: Record<string, WriteResult> = {};
  /** The last write to the subsidiary: its position to read it, its revision to send in If-Match. */
  let last: WriteResult;
  /** A write answered 201, kept under the event it recorded. */
  const record = async <Failure>(event: string, call: Promise<Answer<WriteResult, Failure>>) => {
    const result = recorded(await call);
    written[event] = result;
    if (result.streamId === `entity-${subsidiary}`) last = result;
    return result;
  };

  beforeAll(async () => {
    api = await TestApp.start(undefined, { officerBins: [holding] });
    await api.app.listen(0, '127.0.0.1');
    const baseUrl = await api.app.getUrl();
    const checkedFetch: typeof fetch = async (input, init) => {
      httpCalls++;
      const request = new Request(input, init);
      const response = await fetch(request);
      const { pathname, search } = new URL(request.url);
      checkAgainstContract(request.method, pathname + search, {
        status: response.status,
        headers: Object.fromEntries(response.headers),
        text: await response.clone().text(),
      });
      return response;
    };
    admin = complianceApiClient(baseUrl, api.keys.admin, checkedFetch);
    officer = complianceApiClient(baseUrl, api.keys.officer, checkedFetch);
    registry = complianceApiClient(baseUrl, api.keys.registry, checkedFetch);
    auditor = complianceApiClient(baseUrl, api.keys.auditor, checkedFetch);
  });
  afterAll(() => api.stop());

  it("registers a holding and a subsidiary with the admin key; the holding's officer writes to the subsidiary, not elsewhere", async () => {
    const registration = { legalForm: 'JSC', sector: 'energy', region: 'Astana', registeredOn: '2008-11-04' };
    const registered = await record(
      'EntityRegistered#holding',
      admin.POST('/v1/entities', {
        body: { bin: holding, name: 'National Energy Holding', stateSharePercent: 100, ...registration },
      }),
    );
    expect(registered).toMatchObject({ streamId: `entity-${holding}`, revision: 0 });
    await record(
      'EntityRegistered',
      admin.POST('/v1/entities', {
        body: { bin: subsidiary, name: 'Regional Grid', stateSharePercent: 100, parentBin: holding, ...registration },
      }),
    );
    await record(
      'EntityRegistered#foreign',
      admin.POST('/v1/entities', {
        body: { bin: foreign, name: 'Rail Freight', stateSharePercent: 51, sector: 'transport', region: 'Almaty' },
      }),
    );
    expect(last).toMatchObject({ streamId: `entity-${subsidiary}`, revision: 0 });

    await record(
      'ComplianceServiceEstablished',
      officer.POST('/v1/entities/{bin}/compliance-service', {
        params: entity,
        body: { officerIin: IIN, officerName: 'Dana Nurlanova', establishedOn: day(-700) },
      }),
    );
    const outside = refused(
      await officer.POST('/v1/entities/{bin}/compliance-service', {
        params: { path: { bin: foreign } },
        body: { officerIin: IIN, establishedOn: day(-700) },
      }),
      403,
    );
    expect(outside.type).toBe('urn:compliance-engine:problem:forbidden');
  });

  it('records every fact family through its endpoint, each answered 201, one of them retried with an Idempotency-Key', async () => {
    // heads: one appointed and kept, one appointed and dismissed
    await record(
      'HeadAppointed',
      officer.POST('/v1/entities/{bin}/heads', {
        params: entity,
        body: { iin: IIN, fullName: 'Aibek Seitkali', position: 'chairman of the board', appointedOn: day(-650) },
      }),
    );
    await record(
      'HeadAppointed#2',
      officer.POST('/v1/entities/{bin}/heads', {
        params: entity,
        body: { iin: OTHER_IIN, fullName: 'Marat Ospanov', position: 'managing director', appointedOn: day(-600) },
      }),
    );
    await record(
      'HeadDismissed',
      officer.POST('/v1/entities/{bin}/heads/{iin}/dismissal', {
        params: { path: { bin: subsidiary, iin: OTHER_IIN } },
        body: { dismissedOn: day(-100), reason: 'end of contract' },
      }),
    );

    // a certificate through its whole life: issued, audited, suspended, reinstated, renewed
    await record(
      'CertificateIssued',
      officer.POST('/v1/entities/{bin}/certificates', {
        params: entity,
        body: {
          certificateId: 'cert-1',
          certificateNumber: 'KZ.7500403.22.03.00101',
          standard: 'ISO_37001',
          edition: '2016',
          certificationBody: 'Certification body',
          scope: 'management of the regional grid',
          issuedOn: day(-500),
          expiresOn: day(600),
        },
      }),
    );
    const cert1 = { path: { bin: subsidiary, certificateId: 'cert-1' } };
    await record(
      'SurveillanceAuditCompleted',
      officer.POST('/v1/entities/{bin}/certificates/{certificateId}/surveillance-audits', {
        params: cert1,
        body: { auditedOn: day(-200), outcome: 'minor_nonconformities', notes: 'two findings' },
      }),
    );
    await record(
      'CertificateSuspended',
      officer.POST('/v1/entities/{bin}/certificates/{certificateId}/suspension', {
        params: cert1,
        body: { suspendedOn: day(-150), reason: 'findings not closed in time' },
      }),
    );
    await record(
      'CertificateReinstated',
      officer.POST('/v1/entities/{bin}/certificates/{certificateId}/reinstatement', {
        params: cert1,
        body: { reinstatedOn: day(-120) },
      }),
    );
    await record(
      'CertificateRenewed',
      officer.POST('/v1/entities/{bin}/certificates/{certificateId}/renewal', {
        params: cert1,
        body: { renewedOn: day(-30), expiresOn: day(1000), certificateNumber: 'KZ.7500403.27.02.00007' },
      }),
    );
    // a second certificate, withdrawn
    await record(
      'CertificateIssued#2',
      officer.POST('/v1/entities/{bin}/certificates', {
        params: entity,
        body: {
          certificateId: 'cert-2',
          certificateNumber: 'KZ.ST.3049.00042',
          standard: 'ST_RK_3049',
          certificationBody: 'Another certification body',
          issuedOn: day(-400),
          expiresOn: day(700),
        },
      }),
    );
    await record(
      'CertificateWithdrawn',
      officer.POST('/v1/entities/{bin}/certificates/{certificateId}/withdrawal', {
        params: { path: { bin: subsidiary, certificateId: 'cert-2' } },
        body: { withdrawnOn: day(-90), reason: 'misconduct of the certified unit' },
      }),
    );

    // conflicts of interest: declared and settled; one undeclared
    await record(
      'ConflictOfInterestDeclared',
      officer.POST('/v1/entities/{bin}/conflicts-of-interest', {
        params: entity,
        body: {
          declarationId: 'decl-1',
          declarantIin: EMPLOYEE_IIN,
          position: 'procurement specialist',
          nature: 'spouse is a shareholder of a supplier',
          relatedParty: 'Supplier LLP',
          declaredOn: day(-80),
        },
      }),
    );
    await record(
      'ConflictOfInterestSettled',
      officer.POST('/v1/entities/{bin}/conflicts-of-interest/{declarationId}/settlement', {
        params: { path: { bin: subsidiary, declarationId: 'decl-1' } },
        body: { measure: 'recusal', decidedBy: 'compliance officer', settledOn: day(-70) },
      }),
    );
    await record(
      'UndeclaredConflictDetected',
      officer.POST('/v1/entities/{bin}/undeclared-conflicts', {
        params: entity,
        body: {
          personIin: OTHER_EMPLOYEE_IIN,
          position: 'head of procurement',
          description: 'undeclared stake in a supplier',
          detectedOn: day(-60),
          detectionSource: 'internal audit',
        },
      }),
    );

    // gifts: one reported and handed over; a gift-ban violation, retried safely
    await record(
      'GiftReported',
      officer.POST('/v1/entities/{bin}/gifts', {
        params: entity,
        body: {
          giftId: 'gift-1',
          recipientIin: EMPLOYEE_IIN,
          recipientIsFamilyMember: true,
          donor: 'Supplier LLP',
          description: 'wristwatch',
          valueKzt: 250_000,
          receivedOn: day(-50),
        },
      }),
    );
    await record(
      'GiftHandedOver',
      officer.POST('/v1/entities/{bin}/gifts/{giftId}/hand-over', {
        params: { path: { bin: subsidiary, giftId: 'gift-1' } },
        body: { handedOverOn: day(-48), handedOverTo: 'state property committee' },
      }),
    );
    const violation = {
      params: { ...entity, header: { 'Idempotency-Key': `gift-ban-violation-${subsidiary}` } },
      body: {
        personIin: OTHER_EMPLOYEE_IIN,
        description: 'accepted a car from a supplier',
        occurredOn: day(-45),
        valueKzt: 9_000_000,
      },
    };
    const first = officer.POST('/v1/entities/{bin}/gift-ban-violations', violation);
    await record('GiftBanViolationRecorded', first);
    expect((await first).response.headers.get('idempotent-replayed')).toBeNull();
    const replay = await officer.POST('/v1/entities/{bin}/gift-ban-violations', violation);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(recorded(replay)).toEqual(written.GiftBanViolationRecorded);

    // corruption offences: one convicted (and its head sanctioned), one closed
    await record(
      'CorruptionOffenceRegistered',
      officer.POST('/v1/entities/{bin}/corruption-offences', {
        params: entity,
        body: {
          offenceId: 'off-1',
          employeeIin: EMPLOYEE_IIN,
          position: 'deputy director',
          category: 'bribe_taking',
          registeredOn: day(-300),
          description: 'bribe for a tender',
        },
      }),
    );
    await record(
      'CorruptionOffenceConvicted',
      officer.POST('/v1/entities/{bin}/corruption-offences/{offenceId}/conviction', {
        params: { path: { bin: subsidiary, offenceId: 'off-1' } },
        body: { convictedOn: day(-200) },
      }),
    );
    await record(
      'CorruptionOffenceRegistered#2',
      officer.POST('/v1/entities/{bin}/corruption-offences', {
        params: entity,
        body: {
          offenceId: 'off-2',
          employeeIin: OTHER_EMPLOYEE_IIN,
          position: 'accountant',
          category: 'fraud',
          registeredOn: day(-100),
        },
      }),
    );
    await record(
      'CorruptionOffenceClosed',
      officer.POST('/v1/entities/{bin}/corruption-offences/{offenceId}/closure', {
        params: { path: { bin: subsidiary, offenceId: 'off-2' } },
        body: { closedOn: day(-40), reason: 'no corpus delicti' },
      }),
    );
    await record(
      'PersonalResponsibilitySanctionImposed',
      officer.POST('/v1/entities/{bin}/sanctions', {
        params: entity,
        body: {
          sanctionId: 'sanc-1',
          headIin: IIN,
          headPosition: 'chairman of the board',
          sanction: 'severe_reprimand',
          offenceId: 'off-1',
          imposedOn: day(-180),
        },
      }),
    );

    // prevention, and the register operator's index
    await record(
      'CorruptionRiskAnalysisCompleted',
      officer.POST('/v1/entities/{bin}/risk-analyses', {
        params: entity,
        body: {
          period: String(new Date().getUTCFullYear()),
          completedOn: day(-20),
          risksFound: 4,
          publicCouncilInvolved: true,
        },
      }),
    );
    await record(
      'AntiCorruptionTrainingCompleted',
      officer.POST('/v1/entities/{bin}/trainings', {
        params: entity,
        body: {
          completedOn: day(-15),
          participants: 40,
          staffTotal: 50,
          programme: 'gift ban and conflicts of interest',
        },
      }),
    );
    await record(
      'RegisterIndexRecorded',
      registry.POST('/v1/entities/{bin}/register-indices', {
        params: entity,
        body: { index: 'payment_discipline', value: 87.5, source: 'State Revenue Committee', asOf: day(-10) },
      }),
    );
    expect(last).toBe(written.RegisterIndexRecorded);
  });

  it('changes the details under If-Match, refuses a stale one as a typed problem, then retracts and corrects facts', async () => {
    const ifMatch = `"${last.revision}"`;
    await record(
      'EntityDetailsChanged',
      officer.PATCH('/v1/entities/{bin}', {
        params: { ...entity, header: { 'If-Match': ifMatch } },
        body: { name: 'Regional Grid Company', stateSharePercent: 90, changedOn: day(-5) },
      }),
    );
    const stale = refused(
      await officer.POST('/v1/entities/{bin}/trainings', {
        params: { ...entity, header: { 'If-Match': ifMatch } },
        body: { completedOn: day(-4), participants: 10, staffTotal: 50 },
      }),
      412,
    );
    expect(stale.type).toMatch(/revision-mismatch$/);
    expect(stale.currentRevision).toBe(last.revision);

    await record(
      'FactRetracted',
      officer.POST('/v1/entities/{bin}/events/{eventId}/retraction', {
        params: { path: { bin: subsidiary, eventId: written.UndeclaredConflictDetected.eventId } },
        body: { reason: 'the stake was declared, in another register', retractedOn: day(-3) },
      }),
    );
    await record(
      'FactCorrected',
      officer.POST('/v1/entities/{bin}/events/{eventId}/correction', {
        params: { path: { bin: subsidiary, eventId: written.AntiCorruptionTrainingCompleted.eventId } },
        body: {
          reason: 'participants miscounted',
          data: {
            completedOn: day(-15),
            participants: 45,
            staffTotal: 50,
            programme: 'gift ban and conflicts of interest',
          },
        },
      }),
    );
    const again = refused(
      await officer.POST('/v1/entities/{bin}/events/{eventId}/retraction', {
        params: { path: { bin: subsidiary, eventId: written.UndeclaredConflictDetected.eventId } },
        body: { reason: 'twice' },
      }),
      409,
    );
    expect(again).toMatchObject({
      type: 'urn:compliance-engine:problem:fact-already-retracted',
      rule: 'fact-already-retracted',
    });
  });

  it('reads the register as NCE "Atameken" does: view, lookup, list and changes, paged with cursors', async () => {
    const view = ok(
      await registry.GET('/v1/register/{bin}', { params: { ...entity, query: { minPosition: last.position } } }),
    );
    expect(view).toMatchObject({ bin: subsidiary, name: 'Regional Grid Company', sector: 'energy', region: 'Astana' });
    expect(view.advisory).toBe(true);
    expect(GRADES).toContain(view.rating.grade);
    expect(view.indicators.certificate).toMatchObject({
      status: 'valid',
      standard: 'ISO_37001',
      validUntil: day(1000),
    });
    expect(view.indicators.complianceService.established).toBe(true);
    expect(view.indicators.openInvestigations).toBe(0);
    expect(view.indicators.last36Months).toEqual({
      convictions: 1,
      giftBanViolations: 1,
      undeclaredConflicts: 0, // retracted
      headSanctions: 1,
    });
    expect(view.indicators.conflictsOfInterest).toEqual({ declared36m: 1, settled36m: 1, overdue: 0 });
    expect(view.registerIndices).toEqual([
      { index: 'payment_discipline', value: 87.5, source: 'State Revenue Committee', asOf: day(-10) },
    ]);
    expect(JSON.stringify(view)).not.toContain(EMPLOYEE_IIN); // no person in the register

    const lookup = ok(await registry.POST('/v1/register/lookup', { body: { bins: [subsidiary, unknown] } }));
    expect(lookup.map((item) => item.bin)).toEqual([subsidiary, unknown]);
    const [known, missing] = lookup;
    const rated = { score: view.rating.score, grade: view.rating.grade };
    expect('found' in known ? known : known.rating).toMatchObject(rated);
    expect(missing).toEqual({ bin: unknown, found: false });

    // the energy sector of Astana, one entity a page (ratings are a read model of their own: minPosition)
    const energy = await readAll(
      async (paging) =>
        ok(
          await registry.GET('/v1/register', {
            params: { query: { minPosition: last.position, sector: 'energy', region: 'Astana', limit: 1, ...paging } },
          }),
        ),
      (page) => page.items,
    );
    expect(energy.items.map((item) => item.bin)).toEqual([holding, subsidiary].sort());
    expect(energy.pages).toBeGreaterThanOrEqual(2);
    const certified = ok(
      await registry.GET('/v1/register', {
        params: { query: { minPosition: last.position, grade: view.rating.grade, certified: true } },
      }),
    );
    expect(certified.items).toEqual([
      expect.objectContaining({ bin: subsidiary, score: view.rating.score, grade: view.rating.grade, certified: true }),
    ]);

    // the changes feed from the start of the log, ten changes a page (each entity once a page), until a page is empty
    const feed = await readAll(
      async (paging) => {
        const page = ok(await registry.GET('/v1/register/changes', { params: { query: { limit: 10, ...paging } } }));
        // a 200 is JSON, or an event stream when follow=true was asked: the type says either
        if (typeof page === 'string') throw new Error(`a page of changes, not a stream, was asked for: ${page}`);
        const bins = page.changes.map((change) => change.bin);
        expect(new Set(bins).size).toBe(bins.length);
        return page;
      },
      (page) => page.changes,
    );
    expect(feed.pages).toBeGreaterThan(1);
    const positions = feed.items.map((change) => change.position);
    expect(positions).toEqual([...positions].sort());
    expect(new Set(feed.items.map((change) => change.bin))).toEqual(new Set([holding, subsidiary, foreign]));
    expect(feed.items.findLast((change) => change.bin === subsidiary)).toEqual({
      position: last.position,
      bin: subsidiary,
      view: expect.objectContaining({ advisory: true, rating: expect.objectContaining(rated) }),
    });
  });

  it('reads the entity as its officer and an auditor do: profile, history, score, score history, integrity, export', async () => {
    const profile = ok(
      await officer.GET('/v1/entities/{bin}', { params: { ...entity, query: { minPosition: last.position } } }),
    );
    expect(profile).toMatchObject({
      bin: subsidiary,
      name: 'Regional Grid Company',
      parentBin: holding,
      stateSharePercent: 90,
      revision: last.revision,
    });
    const certificates = profile.certificates;
    expect(certificates.map((c) => [c.certificateId, c.status, c.certificateNumber, c.expiresOn])).toEqual([
      ['cert-1', 'active', 'KZ.7500403.27.02.00007', day(1000)],
      ['cert-2', 'withdrawn', 'KZ.ST.3049.00042', day(700)],
    ]);
    expect(certificates[0].history.map((entry) => entry.type)).toEqual([
      'SurveillanceAuditCompleted',
      'CertificateSuspended',
      'CertificateReinstated',
      'CertificateRenewed',
    ]);
    expect(profile.headsInOffice.map((head) => head.iin)).toEqual([IIN]);
    expect(profile.conflictsOfInterest.map((declaration) => declaration.settlement?.measure)).toEqual(['recusal']);
    expect(profile.undeclaredConflicts).toEqual([]); // retracted
    expect(profile.gifts.map((gift) => gift.handOver?.handedOverTo)).toEqual(['state property committee']);
    expect(profile.corruptionOffences.map((offence) => [offence.offenceId, offence.status])).toEqual([
      ['off-1', 'convicted'],
      ['off-2', 'closed'],
    ]);
    expect(profile.sanctions.map((sanction) => sanction.offenceId)).toEqual(['off-1']);
    expect(profile.trainings.map((training) => training.participants)).toEqual([45]); // corrected

    // the history as stored, ten events a page
    const history = await readAll(
      async (paging) =>
        ok(await auditor.GET('/v1/entities/{bin}/events', { params: { ...entity, query: { limit: 10, ...paging } } })),
      (page) => page.events,
    );
    const events = history.items;
    expect(history.pages).toBeGreaterThanOrEqual(Math.ceil(events.length / 10));
    expect(events.map((event) => event.revision)).toEqual(events.map((_, revision) => revision));
    expect(events.at(-1)).toMatchObject({ eventId: last.eventId, type: 'FactCorrected', position: last.position });
    const byId = new Map(events.map((event) => [event.eventId, event]));
    for (const [event, result] of Object.entries(written)) {
      if (result.streamId === `entity-${subsidiary}`) {
        expect([event, byId.get(result.eventId)?.type]).toEqual([event, event.split('#')[0]]);
      }
    }
    expect(byId.get(written.UndeclaredConflictDetected.eventId)?.retractedBy).toBe(written.FactRetracted.eventId);
    const corrected = byId.get(written.AntiCorruptionTrainingCompleted.eventId)?.correctedBy;
    expect(corrected ?? []).toEqual([written.FactCorrected.eventId]);
    expect(byId.get(written.GiftBanViolationRecorded.eventId)?.metadata).toMatchObject({
      recordedBy: { id: 'test-officer', role: 'officer' },
      idempotency: { key: `gift-ban-violation-${subsidiary}` },
    });

    // the score now, explained down to events of the history
    const now = new Date().toISOString();
    const score = ok(
      await auditor.GET('/v1/entities/{bin}/score', { params: { ...entity, query: { asOf: now, knownAt: now } } }),
    );
    expect(score).toMatchObject({ bin: subsidiary, asOf: now, knownAt: now });
    expect(GRADES).toContain(score.grade);
    const pillars = Object.values(score.pillars).reduce((sum, points) => sum + points, 0);
    expect(score.score).toBeCloseTo(pillars, 2);
    const explanations = [...score.factors, ...score.flags];
    const cited = explanations.flatMap((explanation) => explanation.eventIds);
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((eventId) => !byId.has(eventId))).toEqual([]);
    const flags = score.flags.map((flag) => flag.code);
    expect(flags).toEqual(
      expect.arrayContaining(['EMPLOYEE_CONVICTED_36M', 'GIFT_BAN_VIOLATION_36M', 'HEAD_SANCTIONED_36M']),
    );
    expect(flags).not.toContain('UNDECLARED_CONFLICT_36M'); // retracted
    // as known when the undeclared conflict was recorded, before its retraction: it counted
    const detected = byId.get(written.UndeclaredConflictDetected.eventId)?.recordedAt ?? now;
    const then = ok(
      await auditor.GET('/v1/entities/{bin}/score', { params: { ...entity, query: { asOf: now, knownAt: detected } } }),
    );
    expect(then.knownAt).toBe(detected);
    expect(then.flags.map((flag) => flag.code)).toContain('UNDECLARED_CONFLICT_36M');

    // the score history, five changes a page, each change caused by an event of the history
    const scoreHistory = await readAll(
      async (paging) => {
        const page = ok(
          await auditor.GET('/v1/entities/{bin}/score-history', {
            params: { ...entity, query: { minPosition: last.position, limit: 5, ...paging } },
          }),
        );
        expect(page.bin).toBe(subsidiary);
        return page;
      },
      (page) => page.changes,
    );
    const changes = scoreHistory.items;
    expect(changes.length).toBeGreaterThan(1);
    expect(changes.map((change) => [change.eventId, change.type])).toEqual(
      changes.map((change) => [change.eventId, byId.get(change.eventId)?.type]),
    );
    expect(changes.at(-1)).toMatchObject({ score: score.score, grade: score.grade });

    const integrity = ok(await auditor.GET('/v1/entities/{bin}/integrity', { params: entity }));
    expect(integrity.valid).toBe(true);
    expect(integrity).toMatchObject({ checkedEvents: events.length, firstBrokenRevision: null });
    expect(integrity.problems).toEqual([]);

    // the export, as NDJSON text: one stored event a line
    const exported = await auditor.GET('/v1/audit/export', { params: { query: { bin: subsidiary } }, parseAs: 'text' });
    expect(exported.response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = ok(exported)
      .split('\n')
      .filter((line) => line !== '')
      .map((line): unknown => JSON.parse(line));
    expect(lines).toEqual(
      events.map((event) =>
        expect.objectContaining({ streamId: `entity-${subsidiary}`, eventId: event.eventId, revision: event.revision }),
      ),
    );
  });

  it('answers health, and refusals as typed problems', async () => {
    const health = ok(await auditor.GET('/health'));
    expect(health.status).toBe('ok');
    expect(health.info.eventStore.headPosition).toBe(last.position);

    const notRegistered = refused(
      await auditor.GET('/v1/entities/{bin}/score', { params: { path: { bin: unknown } } }),
      404,
    );
    expect(notRegistered.type).toBe('urn:compliance-engine:problem:entity-not-registered');
    const invalid = refused(
      await registry.GET('/v1/register/{bin}', { params: { path: { bin: '081140000437' } } }),
      400,
    );
    expect(invalid.type).toBe('urn:compliance-engine:problem:validation-failed');
    expect((invalid.errors ?? []).map((error) => error.field)).toEqual(['bin']);
    const auditorsWrite = refused(
      await auditor.POST('/v1/entities/{bin}/trainings', {
        params: entity,
        body: { completedOn: day(-1), participants: 1, staffTotal: 50 },
      }),
      403,
    );
    expect(auditorsWrite.type).toBe('urn:compliance-engine:problem:forbidden');
  });

  it('made every call through the typed client, each answer as the OpenAPI document describes it', () => {
    // 32 writes answered 201 (31 facts and one replay), 6 refusals, 24 reads (12 of them pages after the first)
    expect(httpCalls).toBe(62);
  });
});
