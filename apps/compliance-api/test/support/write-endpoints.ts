import { IIN, OTHER_IIN } from './test-app.js';

/** A write to make before the one under test: its URL below the entity, and its body. */
export interface Given {
  readonly path: string;
  readonly body: Record<string, unknown>;
}

export interface RuleCase {
  readonly title: string;
  readonly given?: readonly Given[];
  /** Replaces the endpoint's path (below the entity). */
  readonly path?: string;
  /** Merged over the endpoint's valid body. */
  readonly body?: Record<string, unknown>;
  readonly status: 400 | 404 | 409;
  /** The rule the problem type names. */
  readonly rule: string;
}

/** One write endpoint of PRODUCT.md section 7, with what it needs and what it refuses. */
export interface WriteEndpoint {
  readonly name: string;
  /** POST unless said otherwise. */
  readonly method?: 'PATCH';
  /** Path below /v1/entities/{bin}; '' is the entity itself (registration posts to /v1/entities). */
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly given: readonly Given[];
  readonly required: readonly string[];
  /** A value for each field that must be refused with a 400 naming the field. */
  readonly invalid: Readonly<Record<string, unknown>>;
  readonly rules: readonly RuleCase[];
  /** The event it records. */
  readonly eventType: string;
}

const certificate = {
  certificateId: 'cert-1',
  certificateNumber: 'KZ.7500403.22.03.00101',
  standard: 'ISO_37001',
  edition: '2016',
  certificationBody: 'Certification body',
  scope: 'management of the national company',
  issuedOn: '2024-03-01',
  expiresOn: '2027-03-01',
};
const issued: Given = { path: '/certificates', body: certificate };
const suspended: Given = {
  path: '/certificates/cert-1/suspension',
  body: { suspendedOn: '2025-01-15', reason: 'failed audit' },
};
const withdrawn: Given = {
  path: '/certificates/cert-1/withdrawal',
  body: { withdrawnOn: '2025-02-01', reason: 'misconduct' },
};
const declaration = {
  declarationId: 'decl-1',
  declarantIin: IIN,
  position: 'procurement specialist',
  nature: 'spouse is a shareholder of a supplier',
  relatedParty: 'Supplier LLP',
  declaredOn: '2025-01-10',
};
const declared: Given = { path: '/conflicts-of-interest', body: declaration };
const settlement = { measure: 'recusal', decidedBy: 'compliance officer', settledOn: '2025-01-20' };
const gift = {
  giftId: 'gift-1',
  recipientIin: IIN,
  recipientIsFamilyMember: true,
  donor: 'Supplier LLP',
  description: 'wristwatch',
  valueKzt: 250000,
  receivedOn: '2025-02-01',
};
const reported: Given = { path: '/gifts', body: gift };
const offence = {
  offenceId: 'off-1',
  employeeIin: IIN,
  position: 'deputy director',
  category: 'bribe_taking',
  registeredOn: '2025-04-01',
  description: 'bribe for a tender',
};
const registeredOffence: Given = { path: '/corruption-offences', body: offence };
const convicted: Given = { path: '/corruption-offences/off-1/conviction', body: { convictedOn: '2025-09-01' } };
const head = {
  iin: IIN,
  fullName: 'Aibek Seitkali',
  position: 'chairman of the management board',
  appointedOn: '2023-01-09',
};
const appointed: Given = { path: '/heads', body: head };

export const WRITE_ENDPOINTS: readonly WriteEndpoint[] = [
  {
    name: 'register an entity',
    path: '',
    body: {
      name: 'National company',
      legalForm: 'JSC',
      stateSharePercent: 100,
      sector: 'transport',
      region: 'Astana',
      registeredOn: '2008-11-04',
    },
    given: [],
    required: ['bin', 'name', 'stateSharePercent'],
    invalid: {
      bin: '081140000437',
      stateSharePercent: 100.5,
      parentBin: '12345',
      registeredOn: '2025-13-01',
      name: 'x'.repeat(301),
    },
    rules: [
      {
        title: 'a BIN registered twice',
        given: [{ path: '', body: { name: 'First', stateSharePercent: 50 } }],
        status: 409,
        rule: 'entity-already-registered',
      },
      {
        title: 'an entity that is its own parent',
        body: { parentBin: '(bin)' },
        status: 400,
        rule: 'entity-own-parent',
      },
    ],
    eventType: 'EntityRegistered',
  },
  {
    name: "change an entity's details",
    method: 'PATCH',
    path: '(entity)',
    body: { name: 'National company (renamed)', stateSharePercent: 90, region: 'Almaty', changedOn: '2025-07-01' },
    given: [],
    required: ['changedOn'],
    invalid: { stateSharePercent: -5, parentBin: '000000000001', name: null, changedOn: '2025-07-32' },
    rules: [
      {
        title: 'a change that names no detail',
        body: { name: undefined, stateSharePercent: undefined, region: undefined },
        status: 400,
        rule: 'nothing-to-change',
      },
      { title: 'an entity made its own parent', body: { parentBin: '(bin)' }, status: 400, rule: 'entity-own-parent' },
    ],
    eventType: 'EntityDetailsChanged',
  },
  {
    name: 'establish the compliance service',
    path: '/compliance-service',
    body: { officerIin: IIN, officerName: 'Dana Nurlanova', establishedOn: '2022-06-01' },
    given: [],
    required: ['officerIin', 'establishedOn'],
    invalid: { officerIin: '860311300525', establishedOn: '2025-02-29', officerName: 7 },
    rules: [],
    eventType: 'ComplianceServiceEstablished',
  },
  {
    name: 'appoint a head',
    path: '/heads',
    body: head,
    given: [],
    required: ['iin', 'fullName', 'position', 'appointedOn'],
    invalid: { iin: '86031130052', fullName: '', appointedOn: '09.01.2023' },
    rules: [{ title: 'a head appointed twice', given: [appointed], status: 409, rule: 'head-already-in-office' }],
    eventType: 'HeadAppointed',
  },
  {
    name: 'dismiss a head',
    path: `/heads/${IIN}/dismissal`,
    body: { dismissedOn: '2025-06-01', reason: 'personal responsibility for a subordinate' },
    given: [appointed],
    required: ['dismissedOn'],
    invalid: { dismissedOn: '2025-06-31', reason: 'r'.repeat(2001) },
    rules: [
      {
        title: 'a person who is not a head in office',
        path: `/heads/${OTHER_IIN}/dismissal`,
        status: 404,
        rule: 'head-not-in-office',
      },
      {
        title: 'a dismissal before the appointment',
        body: { dismissedOn: '2022-01-01' },
        status: 409,
        rule: 'impossible-date-order',
      },
      {
        title: 'a malformed IIN in the path',
        path: '/heads/860311300525/dismissal',
        status: 400,
        rule: 'validation-failed',
      },
    ],
    eventType: 'HeadDismissed',
  },
  {
    name: 'issue a certificate',
    path: '/certificates',
    body: certificate,
    given: [],
    required: ['certificateId', 'certificateNumber', 'standard', 'certificationBody', 'issuedOn', 'expiresOn'],
    invalid: { standard: 'ISO_9001', certificateId: '../etc/passwd', expiresOn: 'tomorrow', edition: 'e'.repeat(21) },
    rules: [
      { title: 'a certificate recorded twice', given: [issued], status: 409, rule: 'certificate-already-issued' },
      {
        title: 'an expiry before the issue',
        body: { expiresOn: '2024-02-28' },
        status: 400,
        rule: 'expiry-not-after-issue',
      },
    ],
    eventType: 'CertificateIssued',
  },
  {
    name: 'complete a surveillance audit',
    path: '/certificates/cert-1/surveillance-audits',
    body: { auditedOn: '2025-03-01', outcome: 'minor_nonconformities', notes: 'two findings' },
    given: [issued],
    required: ['auditedOn', 'outcome'],
    invalid: { outcome: 'excellent', auditedOn: 20250301 },
    rules: [
      {
        title: 'an audit of an unknown certificate',
        path: '/certificates/cert-9/surveillance-audits',
        status: 404,
        rule: 'certificate-not-found',
      },
      {
        title: 'an audit of a withdrawn certificate',
        given: [issued, withdrawn],
        status: 409,
        rule: 'certificate-withdrawn',
      },
      {
        title: 'an audit before the issue',
        body: { auditedOn: '2024-01-01' },
        status: 409,
        rule: 'impossible-date-order',
      },
    ],
    eventType: 'SurveillanceAuditCompleted',
  },
  {
    name: 'suspend a certificate',
    path: '/certificates/cert-1/suspension',
    body: { suspendedOn: '2025-01-15', reason: 'failed audit' },
    given: [issued],
    required: ['suspendedOn', 'reason'],
    invalid: { suspendedOn: '2025-01-15T25:00:00Z', reason: '' },
    rules: [
      {
        title: 'a suspension of a suspended certificate',
        given: [issued, suspended],
        status: 409,
        rule: 'certificate-already-suspended',
      },
      {
        title: 'a suspension of a withdrawn certificate',
        given: [issued, withdrawn],
        status: 409,
        rule: 'certificate-withdrawn',
      },
    ],
    eventType: 'CertificateSuspended',
  },
  {
    name: 'reinstate a certificate',
    path: '/certificates/cert-1/reinstatement',
    body: { reinstatedOn: '2025-02-15' },
    given: [issued, suspended],
    required: ['reinstatedOn'],
    invalid: { reinstatedOn: null },
    rules: [
      {
        title: 'a reinstatement of an active certificate',
        given: [issued],
        status: 409,
        rule: 'certificate-not-suspended',
      },
      {
        title: 'a reinstatement before the suspension',
        body: { reinstatedOn: '2025-01-01' },
        status: 409,
        rule: 'impossible-date-order',
      },
    ],
    eventType: 'CertificateReinstated',
  },
  {
    name: 'withdraw a certificate',
    path: '/certificates/cert-1/withdrawal',
    body: { withdrawnOn: '2025-02-01', reason: 'misconduct' },
    given: [issued],
    required: ['withdrawnOn', 'reason'],
    invalid: { withdrawnOn: ['2025-02-01'] },
    rules: [{ title: 'a second withdrawal', given: [issued, withdrawn], status: 409, rule: 'certificate-withdrawn' }],
    eventType: 'CertificateWithdrawn',
  },
  {
    name: 'renew a certificate',
    path: '/certificates/cert-1/renewal',
    body: { renewedOn: '2026-02-01', expiresOn: '2030-02-01', certificateNumber: 'KZ.7500403.27.02.00007' },
    given: [issued],
    required: ['renewedOn', 'expiresOn'],
    invalid: { expiresOn: '2030-02-30', certificateNumber: 42 },
    rules: [
      {
        title: 'a renewal of a withdrawn certificate',
        given: [issued, withdrawn],
        status: 409,
        rule: 'certificate-withdrawn',
      },
      {
        title: 'an expiry before the renewal',
        body: { expiresOn: '2026-01-01' },
        status: 400,
        rule: 'expiry-not-after-renewal',
      },
      {
        title: 'a renewal that does not extend the validity',
        body: { renewedOn: '2025-01-01', expiresOn: '2026-01-01' },
        status: 409,
        rule: 'renewal-does-not-extend',
      },
    ],
    eventType: 'CertificateRenewed',
  },
  {
    name: 'declare a conflict of interest',
    path: '/conflicts-of-interest',
    body: declaration,
    given: [],
    required: ['declarationId', 'declarantIin', 'position', 'nature', 'declaredOn'],
    invalid: { declarantIin: '000000000001', declarationId: 'a b', nature: 'n'.repeat(2001) },
    rules: [
      { title: 'a declaration recorded twice', given: [declared], status: 409, rule: 'declaration-already-recorded' },
    ],
    eventType: 'ConflictOfInterestDeclared',
  },
  {
    name: 'settle a conflict of interest',
    path: '/conflicts-of-interest/decl-1/settlement',
    body: settlement,
    given: [declared],
    required: ['measure', 'decidedBy', 'settledOn'],
    invalid: { measure: 'ignore', decidedBy: { name: 'x' } },
    rules: [
      {
        title: 'settling an unknown declaration',
        path: '/conflicts-of-interest/decl-9/settlement',
        status: 404,
        rule: 'declaration-not-found',
      },
      {
        title: 'settling twice',
        given: [declared, { path: '/conflicts-of-interest/decl-1/settlement', body: settlement }],
        status: 409,
        rule: 'declaration-already-settled',
      },
      {
        title: 'a settlement before the declaration',
        body: { settledOn: '2025-01-09' },
        status: 409,
        rule: 'impossible-date-order',
      },
    ],
    eventType: 'ConflictOfInterestSettled',
  },
  {
    name: 'record an undeclared conflict',
    path: '/undeclared-conflicts',
    body: {
      personIin: IIN,
      position: 'head of procurement',
      description: 'undeclared stake in a supplier',
      detectedOn: '2025-05-01',
      detectionSource: 'internal audit',
    },
    given: [],
    required: ['personIin', 'description', 'detectedOn'],
    invalid: { personIin: 860311300524, detectedOn: '2025-5-1' },
    rules: [],
    eventType: 'UndeclaredConflictDetected',
  },
  {
    name: 'report a gift',
    path: '/gifts',
    body: gift,
    given: [],
    required: ['giftId', 'recipientIin', 'recipientIsFamilyMember', 'donor', 'description', 'valueKzt', 'receivedOn'],
    invalid: { recipientIsFamilyMember: 'yes', valueKzt: -1, giftId: '' },
    rules: [{ title: 'a gift reported twice', given: [reported], status: 409, rule: 'gift-already-reported' }],
    eventType: 'GiftReported',
  },
  {
    name: 'hand over a gift',
    path: '/gifts/gift-1/hand-over',
    body: { handedOverOn: '2025-02-03', handedOverTo: 'state property committee' },
    given: [reported],
    required: ['handedOverOn', 'handedOverTo'],
    invalid: { handedOverOn: '', handedOverTo: true },
    rules: [
      { title: 'handing over an unknown gift', path: '/gifts/gift-9/hand-over', status: 404, rule: 'gift-not-found' },
      {
        title: 'handing over twice',
        given: [
          reported,
          { path: '/gifts/gift-1/hand-over', body: { handedOverOn: '2025-02-03', handedOverTo: 'committee' } },
        ],
        status: 409,
        rule: 'gift-already-handed-over',
      },
      {
        title: 'a hand-over before the receipt',
        body: { handedOverOn: '2025-01-31' },
        status: 409,
        rule: 'impossible-date-order',
      },
    ],
    eventType: 'GiftHandedOver',
  },
  {
    name: 'record a gift-ban violation',
    path: '/gift-ban-violations',
    body: {
      personIin: IIN,
      description: 'accepted a car from a supplier',
      occurredOn: '2025-03-03',
      valueKzt: 9000000,
    },
    given: [],
    required: ['personIin', 'description', 'occurredOn'],
    invalid: { valueKzt: 'a lot', occurredOn: '2025-03-03T10:00:00' },
    rules: [],
    eventType: 'GiftBanViolationRecorded',
  },
  {
    name: 'register a corruption offence',
    path: '/corruption-offences',
    body: offence,
    given: [],
    required: ['offenceId', 'employeeIin', 'position', 'category', 'registeredOn'],
    invalid: { category: 'theft', employeeIin: '1'.repeat(12) },
    rules: [
      {
        title: 'an offence registered twice',
        given: [registeredOffence],
        status: 409,
        rule: 'offence-already-registered',
      },
    ],
    eventType: 'CorruptionOffenceRegistered',
  },
  {
    name: 'convict a corruption offence',
    path: '/corruption-offences/off-1/conviction',
    body: { convictedOn: '2025-09-01' },
    given: [registeredOffence],
    required: ['convictedOn'],
    invalid: { convictedOn: '2025-09-01T10:00:00+25:00' },
    rules: [
      {
        title: 'convicting an unknown offence',
        path: '/corruption-offences/off-9/conviction',
        status: 404,
        rule: 'offence-not-found',
      },
      { title: 'convicting twice', given: [registeredOffence, convicted], status: 409, rule: 'offence-not-open' },
      {
        title: 'a verdict before the registration',
        body: { convictedOn: '2025-03-01' },
        status: 409,
        rule: 'impossible-date-order',
      },
    ],
    eventType: 'CorruptionOffenceConvicted',
  },
  {
    name: 'close a corruption offence',
    path: '/corruption-offences/off-1/closure',
    body: { closedOn: '2025-06-01', reason: 'no corpus delicti' },
    given: [registeredOffence],
    required: ['closedOn', 'reason'],
    invalid: { reason: 5 },
    rules: [
      {
        title: 'closing an unknown offence',
        path: '/corruption-offences/off-9/closure',
        status: 404,
        rule: 'offence-not-found',
      },
      {
        title: 'closing a convicted offence',
        given: [registeredOffence, convicted],
        status: 409,
        rule: 'offence-not-open',
      },
    ],
    eventType: 'CorruptionOffenceClosed',
  },
  {
    name: 'impose a personal-responsibility sanction',
    path: '/sanctions',
    body: {
      sanctionId: 'sanc-1',
      headIin: IIN,
      headPosition: 'chairman',
      sanction: 'severe_reprimand',
      offenceId: 'off-1',
      imposedOn: '2025-10-01',
    },
    given: [registeredOffence],
    required: ['sanctionId', 'headIin', 'headPosition', 'sanction', 'offenceId', 'imposedOn'],
    invalid: { sanction: 'fine', offenceId: 'off 1' },
    rules: [
      {
        title: 'a sanction naming an unknown offence',
        body: { offenceId: 'off-9' },
        status: 409,
        rule: 'sanction-for-unknown-offence',
      },
      {
        title: 'a sanction recorded twice',
        given: [
          registeredOffence,
          {
            path: '/sanctions',
            body: {
              sanctionId: 'sanc-1',
              headIin: IIN,
              headPosition: 'chairman',
              sanction: 'reprimand',
              offenceId: 'off-1',
              imposedOn: '2025-10-01',
            },
          },
        ],
        status: 409,
        rule: 'sanction-already-imposed',
      },
      {
        title: 'a sanction before the offence',
        body: { imposedOn: '2025-01-01' },
        status: 409,
        rule: 'impossible-date-order',
      },
    ],
    eventType: 'PersonalResponsibilitySanctionImposed',
  },
  {
    name: 'complete a corruption-risk analysis',
    path: '/risk-analyses',
    body: { period: '2025', completedOn: '2025-12-20', risksFound: 4, publicCouncilInvolved: true },
    given: [],
    required: ['period', 'completedOn', 'risksFound', 'publicCouncilInvolved'],
    invalid: { risksFound: 1.5, publicCouncilInvolved: 1 },
    rules: [],
    eventType: 'CorruptionRiskAnalysisCompleted',
  },
  {
    name: 'complete an anti-corruption training',
    path: '/trainings',
    body: {
      completedOn: '2025-11-11',
      participants: 120,
      staffTotal: 150,
      programme: 'gift ban and conflicts of interest',
    },
    given: [],
    required: ['completedOn', 'participants', 'staffTotal'],
    invalid: { participants: -1, staffTotal: 0 },
    rules: [
      {
        title: 'more participants than staff',
        body: { participants: 151 },
        status: 400,
        rule: 'participants-exceed-staff',
      },
    ],
    eventType: 'AntiCorruptionTrainingCompleted',
  },
  {
    name: 'record a register index',
    path: '/register-indices',
    body: { index: 'payment_discipline', value: 87.5, source: 'State Revenue Committee', asOf: '2025-12-01' },
    given: [],
    required: ['index', 'value', 'source', 'asOf'],
    invalid: { index: 'credit_score', value: 'NaN' },
    rules: [],
    eventType: 'RegisterIndexRecorded',
  },
];

/** The URL of a write: registration posts to the collection, '(entity)' is the entity itself. */
export function urlOf(bin: string, path: string): string {
  if (path === '') return '/v1/entities';
  return path === '(entity)' ? `/v1/entities/${bin}` : `/v1/entities/${bin}${path}`;
}

/** The body of a write below an entity; registration carries the BIN in its body. */
export function bodyOf(bin: string, path: string, body: Record<string, unknown>): Record<string, unknown> {
  const resolved = Object.fromEntries(
    Object.entries(body)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === '(bin)' ? bin : v]),
  );
  return path === '' ? { bin, ...resolved } : resolved;
}
