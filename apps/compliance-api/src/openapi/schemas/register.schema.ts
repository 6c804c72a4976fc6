import Type from 'typebox';
import { STANDARDS, type CertificateValidity } from '#domain';
import { MAX_PAGE } from '../../queries/query.requests.js';
import {
  bin,
  businessDate,
  CLOSED,
  count,
  explained,
  instant,
  logSize,
  nullable,
  position,
  score,
  text,
  timestamp,
  vocabulary,
} from './common.schema.js';
import { RegisterIndexData } from './facts.schema.js';
import { ClearWave, Flag, grade, methodologyVersion } from './scoring.schema.js';

/** The Business Partners Register for NCE "Atameken": advisory, and free of personal data. */

const CERTIFICATE_VALIDITY: Readonly<Record<CertificateValidity, string>> = {
  valid: 'issued, not expired, suspended or withdrawn',
  suspended: 'suspended by the certification body',
  expired: 'past its last day of validity',
  withdrawn: 'withdrawn by the certification body',
};

const recentCounts = (window: string) =>
  Type.Object(
    {
      convictions: count('Employees convicted (verdict final) of a corruption offence.'),
      giftBanViolations: count('Gift-ban violations.'),
      undeclaredConflicts: count('Undeclared conflicts of interest detected.'),
      headSanctions: count('Personal-responsibility sanctions of heads.'),
    },
    { ...CLOSED, description: `What happened in the ${window} up to the rating's instant.` },
  );

const CertificateIndicator = Type.Object(
  {
    status: explained(CERTIFICATE_VALIDITY, 'Its status at the instant.'),
    standard: vocabulary(STANDARDS, 'The standard certified against.'),
    edition: nullable(Type.String(), 'Edition of the standard, e.g. 2016; null when not recorded.'),
    certificateNumber: text('The current certificate number.'),
    certificationBody: text('The certification body that issued it.'),
    validUntil: businessDate('Its last day of validity (the expiry as recorded).'),
  },
  {
    ...CLOSED,
    description: 'The certificate shown: a valid one if any, else the one issued last, with its status.',
  },
);

export const RegisterView = Type.Object(
  {
    bin: bin(),
    name: text("The entity's name at the instant."),
    sector: nullable(Type.String(), 'Sector; null when not recorded.'),
    region: nullable(Type.String(), 'Region; null when not recorded.'),
    advisory: Type.Literal(true, {
      description: 'Always true: ratings are advisory, never a verdict on the entity.',
    }),
    rating: Type.Object(
      {
        score: score(),
        grade: grade(),
        methodologyVersion: methodologyVersion(),
        asOf: instant('The business instant the rating was computed for (now, unless asOf was asked).'),
      },
      { ...CLOSED, description: 'The integrity rating.' },
    ),
    indicators: Type.Object(
      {
        certificate: nullable(
          CertificateIndicator,
          'The anti-corruption certificate; null when none was issued by the instant.',
        ),
        complianceService: Type.Object(
          {
            established: Type.Boolean({ description: 'Whether a compliance service was established by the instant.' }),
          },
          { ...CLOSED, description: 'The anti-corruption compliance service.' },
        ),
        openInvestigations: count('Corruption offences registered and neither convicted nor closed.'),
        last12Months: recentCounts('last 12 months'),
        last36Months: recentCounts('last 36 months'),
        conflictsOfInterest: Type.Object(
          {
            declared36m: count('Declarations made in the last 36 months.'),
            settled36m: count('Of those, the ones settled.'),
            overdue: count('Declarations still unsettled past the deadline, whatever their age.'),
          },
          { ...CLOSED, description: 'Conflict-of-interest declarations.' },
        ),
      },
      { ...CLOSED, description: 'Anti-corruption indicators, counted at the instant.' },
    ),
    flags: Type.Array(Flag, {
      description: "Due-diligence flags; their events are the entity's own (never another entity's, never a person).",
    }),
    clearWave: ClearWave,
    registerIndices: Type.Array(RegisterIndexData, {
      description: 'The latest value of each index supplied by the register operator or a state body.',
    }),
    knownAt: instant(
      'The system instant the view reflects: only events recorded by then count (now, unless knownAt was asked).',
    ),
    logSize: Type.Optional(
      logSize(
        'The events of the log the read models had applied when the view was read (on a view read or looked up).',
      ),
    ),
  },
  {
    ...CLOSED,
    description:
      'What the Business Partners Register publishes about an entity: its advisory rating, anti-corruption indicators, flags and clear-wave eligibility. No IIN or name of a person appears in it.',
  },
);

const RegisterNotFound = Type.Object(
  {
    bin: bin('A BIN asked for.'),
    found: Type.Literal(false, { description: 'No entity is registered with this BIN.' }),
  },
  { ...CLOSED, description: 'A BIN no entity is registered with.' },
);

const RegisterWithheld = Type.Object(
  {
    bin: bin('A BIN asked for.'),
    found: Type.Literal(true),
    withheld: Type.Literal('entity-quarantined', {
      description:
        "The entity's record in the log is damaged: nothing derived from it is served until an operator rebuilds (its integrity answer says why).",
    }),
  },
  { ...CLOSED, description: 'An entity set aside: its view is withheld.' },
);

export const RegisterLookupItem = Type.Union([RegisterView, RegisterNotFound, RegisterWithheld], {
  description: 'One answer of a lookup: the register view, or why there is none.',
});

export const RegisterLookup = Type.Array(RegisterLookupItem, {
  maxItems: MAX_PAGE,
  description: 'One answer per BIN asked for, in the order asked.',
});

export const RegisterListItem = Type.Object(
  {
    bin: bin(),
    name: text("The entity's name."),
    parentBin: nullable(bin(), 'BIN of the holding or parent company; null for a head of a group.'),
    sector: nullable(Type.String(), 'Sector; null when not recorded.'),
    region: nullable(Type.String(), 'Region; null when not recorded.'),
    score: score(),
    grade: grade(),
    certified: Type.Boolean({ description: 'Whether it held a valid anti-corruption certificate when rated.' }),
    clearWave: Type.Boolean({ description: 'Whether it was eligible for the "clear wave" label when rated.' }),
    ratedAt: timestamp(
      'When the rating was computed: ratings follow new events within moments, and time as it passes.',
    ),
  },
  { ...CLOSED, description: "An entity's latest rating, as the register list shows it." },
);

export const RegisterListPage = Type.Object(
  {
    items: Type.Array(RegisterListItem, { description: 'Ratings matching the filter, by BIN.' }),
    next: Type.Optional(
      Type.String({
        description: 'Opaque cursor of the next page: send it back as `cursor`. Absent on the last page.',
      }),
    ),
  },
  { ...CLOSED, description: 'A page of the register list.' },
);

export const RegisterChange = Type.Object(
  {
    position: position('Where in the log the entity last changed.'),
    bin: bin(),
    view: RegisterView,
  },
  {
    ...CLOSED,
    description:
      'An entity whose register view changed, with its view now. Also the data of each `change` server-sent event (whose `id` is the position).',
  },
);

export const RegisterChangesPage = Type.Object(
  {
    changes: Type.Array(RegisterChange, {
      description:
        'Entities changed after the position asked, in log order, each once (an entity withheld since is left out).',
    }),
    next: Type.Optional(
      Type.String({
        description:
          'Opaque cursor of the next page: send it back as `cursor`. It holds how far this page looked, so when nothing changed since, the next page is empty and gives the same cursor again: poll with it. Absent only when nothing was ever recorded and no start was given.',
      }),
    ),
  },
  { ...CLOSED, description: 'A page of the register changes feed.' },
);
