import Type, { type TObject } from 'typebox';
import {
  AUDIT_OUTCOMES,
  OFFENCE_CATEGORIES,
  REGISTER_INDICES,
  SANCTIONS,
  SETTLEMENT_MEASURES,
  STANDARDS,
} from '#domain';
import { businessDate, CLOSED, count, iin, text, vocabulary } from './common.schema.js';

/**
 * The data of the facts the profile shows, as recorded (through their endpoints, or as last
 * corrected) and in the current schema version: the bodies of the write endpoints, plus the
 * identifier the endpoint took from its path.
 */

const certificateId = () => text('The id the officer gave the certificate.');
const declarationId = () => text('The id the officer gave the declaration.');
const giftId = () => text('The id the officer gave the gift.');
const offenceId = () => text('The id the officer gave the offence case.');

export const ComplianceServiceData = Type.Object(
  {
    officerIin: iin("The compliance officer's IIN."),
    officerName: Type.Optional(text("The compliance officer's name.")),
    establishedOn: businessDate('When the service was established.'),
  },
  { ...CLOSED, description: 'The anti-corruption compliance service, as last established.' },
);

export const HeadAppointedData = Type.Object(
  {
    iin: iin("The head's IIN."),
    fullName: text("The head's full name."),
    position: text('The position held.'),
    appointedOn: businessDate('When the head was appointed.'),
  },
  { ...CLOSED, description: 'A head in office.' },
);

const SurveillanceAuditCompletedData = Type.Object(
  {
    certificateId: certificateId(),
    auditedOn: businessDate('When the audit was completed.'),
    outcome: vocabulary(AUDIT_OUTCOMES, 'What the audit found.'),
    notes: Type.Optional(text("The auditor's notes.")),
  },
  CLOSED,
);

const CertificateSuspendedData = Type.Object(
  { certificateId: certificateId(), suspendedOn: businessDate('When it was suspended.'), reason: text('Why.') },
  CLOSED,
);

const CertificateReinstatedData = Type.Object(
  { certificateId: certificateId(), reinstatedOn: businessDate('When it was reinstated.') },
  CLOSED,
);

const CertificateWithdrawnData = Type.Object(
  { certificateId: certificateId(), withdrawnOn: businessDate('When it was withdrawn.'), reason: text('Why.') },
  CLOSED,
);

const CertificateRenewedData = Type.Object(
  {
    certificateId: certificateId(),
    renewedOn: businessDate('When it was renewed.'),
    expiresOn: businessDate('The new last day of validity.'),
    certificateNumber: Type.Optional(text('The new number, when the renewal gave one.')),
  },
  CLOSED,
);

/** A step of a certificate's life after its issue: `data` is that step's fact, as its `type` says. */
const step = <Name extends string, Data extends TObject>(type: Name, data: Data) =>
  Type.Object({ type: Type.Literal(type), data }, CLOSED);

export const CertificateStep = Type.Union(
  [
    step('SurveillanceAuditCompleted', SurveillanceAuditCompletedData),
    step('CertificateSuspended', CertificateSuspendedData),
    step('CertificateReinstated', CertificateReinstatedData),
    step('CertificateWithdrawn', CertificateWithdrawnData),
    step('CertificateRenewed', CertificateRenewedData),
  ],
  { description: "A step of the certificate's life after its issue, in the order recorded." },
);

export const CertificateIssuedFields = {
  certificateId: certificateId(),
  certificateNumber: text('The certificate number: the current one, if a renewal changed it.'),
  standard: vocabulary(STANDARDS, 'The standard certified against.'),
  edition: Type.Optional(text('Edition of the standard, e.g. 2016.')),
  certificationBody: text('The certification body that issued it.'),
  scope: Type.Optional(text('Scope of the certification.')),
  issuedOn: businessDate('When it was issued.'),
  expiresOn: businessDate('Its last day of validity: the current one, if a renewal extended it.'),
};

export const ConflictOfInterestDeclaredFields = {
  declarationId: declarationId(),
  declarantIin: iin("The declarant's IIN."),
  position: text("The declarant's position."),
  nature: text('The nature of the conflict.'),
  relatedParty: Type.Optional(text('The related party.')),
  declaredOn: businessDate('When it was declared.'),
};

export const ConflictOfInterestSettledData = Type.Object(
  {
    declarationId: declarationId(),
    measure: vocabulary(SETTLEMENT_MEASURES, 'How the conflict was settled.'),
    decidedBy: text('Who decided the settlement.'),
    settledOn: businessDate('When it was settled.'),
  },
  { ...CLOSED, description: 'How the declared conflict was settled.' },
);

export const UndeclaredConflictDetectedData = Type.Object(
  {
    personIin: iin("The person's IIN."),
    position: Type.Optional(text("The person's position.")),
    description: text('What was found.'),
    detectedOn: businessDate('When it was detected.'),
    detectionSource: Type.Optional(text('Who or what detected it.')),
  },
  { ...CLOSED, description: 'A conflict of interest that was not declared, found out.' },
);

export const GiftReportedFields = {
  giftId: giftId(),
  recipientIin: iin("The recipient's IIN."),
  recipientIsFamilyMember: Type.Boolean({ description: "Whether the recipient is an employee's family member." }),
  donor: text('Who gave the gift.'),
  description: text('The gift.'),
  valueKzt: Type.Number({ minimum: 0, description: 'Its value, in tenge.' }),
  receivedOn: businessDate('When it was received.'),
};

export const GiftHandedOverData = Type.Object(
  {
    giftId: giftId(),
    handedOverOn: businessDate('When it was handed over.'),
    handedOverTo: text('Who received it.'),
  },
  { ...CLOSED, description: 'The gift handed over.' },
);

export const GiftBanViolationRecordedData = Type.Object(
  {
    personIin: iin("The person's IIN."),
    description: text('What happened.'),
    occurredOn: businessDate('When it happened.'),
    valueKzt: Type.Optional(Type.Number({ minimum: 0, description: 'Value involved, in tenge.' })),
  },
  { ...CLOSED, description: 'A breach of the gift ban.' },
);

export const CorruptionOffenceRegisteredFields = {
  offenceId: offenceId(),
  employeeIin: iin("The employee's IIN."),
  position: text("The employee's position."),
  category: vocabulary(OFFENCE_CATEGORIES, 'The kind of offence.'),
  registeredOn: businessDate('When the case was registered.'),
  description: Type.Optional(text('The case.')),
};

export const CorruptionOffenceConvictedData = Type.Object(
  { offenceId: offenceId(), convictedOn: businessDate('When the verdict became final.') },
  { ...CLOSED, description: 'A conviction: the verdict is final.' },
);

export const CorruptionOffenceClosedData = Type.Object(
  { offenceId: offenceId(), closedOn: businessDate('When the case was closed.'), reason: text('Why.') },
  { ...CLOSED, description: 'The case closed without a conviction.' },
);

export const SanctionImposedData = Type.Object(
  {
    sanctionId: text('The id the officer gave the sanction.'),
    headIin: iin("The sanctioned head's IIN."),
    headPosition: text("The head's position."),
    sanction: vocabulary(SANCTIONS, 'The sanction.'),
    offenceId: text('The offence it answers.'),
    imposedOn: businessDate('When it was imposed.'),
  },
  { ...CLOSED, description: 'A personal-responsibility sanction of a head for an offence.' },
);

export const RiskAnalysisCompletedData = Type.Object(
  {
    period: text('The period analysed, e.g. 2025 or 2025-H1.'),
    completedOn: businessDate('When it was completed.'),
    risksFound: count('Corruption risks found.'),
    publicCouncilInvolved: Type.Boolean({ description: 'Whether the public council took part.' }),
  },
  { ...CLOSED, description: 'An internal analysis of corruption risks.' },
);

export const TrainingCompletedData = Type.Object(
  {
    completedOn: businessDate('When it was completed.'),
    participants: count('Employees trained.'),
    staffTotal: Type.Integer({ minimum: 1, description: 'Total staff at the time.' }),
    programme: Type.Optional(text('The programme.')),
  },
  { ...CLOSED, description: 'An anti-corruption training.' },
);

export const RegisterIndexData = Type.Object(
  {
    index: vocabulary(REGISTER_INDICES, 'Which index.'),
    value: Type.Number({ description: 'Its value, on the scale of its source.' }),
    source: text('Who supplied it: the register operator or a state body.'),
    asOf: businessDate('The date the value is for.'),
  },
  { ...CLOSED, description: 'An index supplied by the register operator or a state body.' },
);
