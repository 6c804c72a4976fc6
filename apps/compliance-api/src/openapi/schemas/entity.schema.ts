import Type, { type TObject } from 'typebox';
import { COMPLIANCE_EVENT_TYPES, type CertificateStatus, type OffenceStatus } from '#domain';
import type { QuarantineCode } from '#projections';
import {
  bin,
  businessDate,
  CLOSED,
  count,
  eventId,
  explained,
  instant,
  logSize,
  nullable,
  position,
  revision,
  score,
  text,
  timestamp,
  vocabulary,
} from './common.schema.js';
import {
  CertificateIssuedFields,
  CertificateStep,
  ComplianceServiceData,
  ConflictOfInterestDeclaredFields,
  ConflictOfInterestSettledData,
  CorruptionOffenceClosedData,
  CorruptionOffenceConvictedData,
  CorruptionOffenceRegisteredFields,
  GiftBanViolationRecordedData,
  GiftHandedOverData,
  GiftReportedFields,
  HeadAppointedData,
  RegisterIndexData,
  RiskAnalysisCompletedData,
  SanctionImposedData,
  TrainingCompletedData,
  UndeclaredConflictDetectedData,
} from './facts.schema.js';
import { ClearWave, Factor, Flag, grade, methodologyVersion, Pillars } from './scoring.schema.js';

/** What officers and auditors read about one entity: its profile, its explained score, its score history, its integrity. */

const CERTIFICATE_STATUS: Readonly<Record<CertificateStatus, string>> = {
  active: 'neither suspended nor withdrawn (it may still have expired: see expiresOn)',
  suspended: 'suspended by the certification body',
  withdrawn: 'withdrawn by the certification body',
};

const OFFENCE_STATUS: Readonly<Record<OffenceStatus, string>> = {
  open: 'registered, neither convicted nor closed',
  convicted: 'the verdict is final',
  closed: 'closed without a conviction',
};

export const QUARANTINE_CODES: Readonly<Record<QuarantineCode, string>> = {
  'revision-reused':
    'an event at a revision the entity already had, with another id: an event was removed and another took its place',
  'revision-skipped':
    "an event after a gap in the entity's revisions: events were removed before the read models saw them",
  'chain-broken': 'an event not chained to the one before it (its previous hash differs)',
  'undecodable-event': 'an event whose data cannot be read or folded',
};

const dataList = <T extends TObject>(item: T, description: string) => Type.Array(item, { description });

export const EntityProfile = Type.Object(
  {
    bin: bin(),
    name: text("The entity's name."),
    legalForm: nullable(Type.String(), 'Legal form; null when not recorded.'),
    stateSharePercent: Type.Number({
      minimum: 0,
      maximum: 100,
      description: "The state's share of the capital, in percent.",
    }),
    parentBin: nullable(bin(), 'BIN of the holding or parent entity; null when not recorded.'),
    sector: nullable(Type.String(), 'Sector; null when not recorded.'),
    region: nullable(Type.String(), 'Region; null when not recorded.'),
    registeredOn: nullable(
      businessDate('When the entity was registered.'),
      'When the entity was registered; null when not recorded.',
    ),
    revision: revision("The entity's revision the profile includes: that of its last event (the first is 0)."),
    complianceService: nullable(ComplianceServiceData, 'The compliance service, as last established; null when none.'),
    headsInOffice: dataList(HeadAppointedData, 'Heads appointed and not dismissed.'),
    certificates: dataList(
      Type.Object(
        {
          ...CertificateIssuedFields,
          status: explained(CERTIFICATE_STATUS, "The certificate's status."),
          history: Type.Array(CertificateStep, {
            description: 'What happened to the certificate after its issue, in the order recorded.',
          }),
        },
        { ...CLOSED, description: 'A certificate, as issued, with its current number and expiry, status and history.' },
      ),
      'Anti-corruption certificates, in the order issued.',
    ),
    conflictsOfInterest: dataList(
      Type.Object(
        {
          ...ConflictOfInterestDeclaredFields,
          settlement: nullable(ConflictOfInterestSettledData, 'How it was settled; null while unsettled.'),
        },
        { ...CLOSED, description: 'A declared conflict of interest and its settlement.' },
      ),
      'Declared conflicts of interest.',
    ),
    undeclaredConflicts: dataList(UndeclaredConflictDetectedData, 'Undeclared conflicts of interest detected.'),
    gifts: dataList(
      Type.Object(
        {
          ...GiftReportedFields,
          handOver: nullable(GiftHandedOverData, 'The hand-over; null while the gift is not handed over.'),
        },
        { ...CLOSED, description: 'A gift reported, and its hand-over.' },
      ),
      'Gifts reported.',
    ),
    giftBanViolations: dataList(GiftBanViolationRecordedData, 'Gift-ban violations.'),
    corruptionOffences: dataList(
      Type.Object(
        {
          ...CorruptionOffenceRegisteredFields,
          status: explained(OFFENCE_STATUS, 'Where the case stands.'),
          outcome: nullable(
            Type.Union([CorruptionOffenceConvictedData, CorruptionOffenceClosedData]),
            'The conviction (convictedOn) or the closure (closedOn, reason); null while open.',
          ),
        },
        { ...CLOSED, description: 'A corruption offence case and its outcome.' },
      ),
      'Corruption offence cases.',
    ),
    sanctions: dataList(SanctionImposedData, 'Personal-responsibility sanctions of heads.'),
    riskAnalyses: dataList(RiskAnalysisCompletedData, 'Corruption-risk analyses.'),
    trainings: dataList(TrainingCompletedData, 'Anti-corruption trainings.'),
    registerIndices: dataList(
      RegisterIndexData,
      'Every index value recorded (the register view shows the latest of each).',
    ),
  },
  {
    ...CLOSED,
    description:
      'Everything recorded about an entity, as it stands after retractions and corrections, for its officers and auditors. Includes personal data (IINs, names).',
  },
);

export const ScoreCard = Type.Object(
  {
    bin: bin(),
    score: score(),
    grade: grade(),
    methodologyVersion: methodologyVersion(),
    asOf: instant('The business instant the rules were evaluated at (now, unless asOf was asked).'),
    pillars: Pillars,
    factors: Type.Array(Factor, {
      description: 'Every factor of the methodology, with its points and the events behind them.',
    }),
    flags: Type.Array(Flag, {
      description:
        "Due-diligence flags. LIFETIME_BAN_BREACH may cite another entity's conviction event, recorded there.",
    }),
    clearWave: ClearWave,
    knownAt: instant('The system instant: only the events recorded by then were used (now, unless knownAt was asked).'),
    logSize: logSize("The log's first events up to and including the entity's last event used."),
  },
  {
    ...CLOSED,
    description:
      "An entity's integrity score at one instant, explained down to the events; advisory, never a verdict (docs/METHODOLOGY.md).",
  },
);

const ScoreChange = Type.Object(
  {
    eventId: eventId('The event that changed the score or grade.'),
    type: vocabulary(COMPLIANCE_EVENT_TYPES, "The event's type."),
    revision: revision("The event's revision in the entity's stream."),
    recordedAt: timestamp(
      'When the event was recorded: the score is as published then (as of, and known at, that instant).',
    ),
    score: score('The score after the event.'),
    grade: grade('The grade after the event.'),
  },
  { ...CLOSED, description: 'A change of score or grade, and the event that caused it.' },
);

export const ScoreHistoryPage = Type.Object(
  {
    bin: bin(),
    changes: Type.Array(ScoreChange, { description: 'Changes of score or grade, by revision.' }),
    logSize: logSize('The events of the log the read models had applied when the page was read.'),
    next: Type.Optional(
      Type.String({
        description: 'Opaque cursor of the next page: send it back as `cursor`. Absent on the last page.',
      }),
    ),
  },
  { ...CLOSED, description: 'A page of the score history.' },
);

const IntegrityProblem = Type.Object(
  {
    code: explained(QUARANTINE_CODES, 'What the read models found.'),
    revision: revision('The revision of the event that showed the problem.'),
    position: position('The position of that event in the log.'),
    detail: text('What was found, in words.'),
    detectedAt: timestamp('When the read models found it.'),
  },
  {
    ...CLOSED,
    description:
      'Something the read models saw the log lose or damage for this entity: the entity is set aside (its reads answer 503 entity-quarantined) until an operator rebuilds.',
  },
);

export const Integrity = Type.Object(
  {
    valid: Type.Boolean({ description: 'True when the hash chain is intact and the read models found nothing wrong.' }),
    checkedEvents: count(
      'Events whose hash was recomputed: all of them when the chain is intact, up to the first broken one otherwise.',
    ),
    firstBrokenRevision: nullable(
      Type.Integer({ minimum: 0 }),
      'The first revision whose event was altered, removed or moved; null when the chain is intact.',
    ),
    problems: Type.Array(IntegrityProblem, {
      description: 'What the read models found the log to have lost or damaged; empty when nothing.',
    }),
  },
  { ...CLOSED, description: "The entity's hash chain recomputed, and what the read models found." },
);
