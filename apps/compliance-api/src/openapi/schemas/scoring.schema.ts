import Type from 'typebox';
import {
  CLEAR_WAVE_CONDITIONS,
  FLAG_CODES,
  GRADES,
  type ClearWaveCondition,
  type FactorName,
  type FlagCode,
  type Pillar,
} from '#domain';
import { CLOSED, eventId, explained, listOf, vocabulary } from './common.schema.js';

/** The parts of a rating shared by the register view and the auditor's score card (docs/METHODOLOGY.md). */

const FLAG_MEANINGS: Readonly<Record<FlagCode, string>> = {
  NO_COMPLIANCE_SERVICE: 'no compliance service was ever established',
  NO_VALID_CERTIFICATE:
    "no certificate is valid at the instant (cites each certificate's latest word: withdrawal, suspension or expiry)",
  CERTIFICATE_SUSPENDED: 'a certificate is suspended (not withdrawn)',
  CERTIFICATE_EXPIRED: 'no certificate is valid and some have expired',
  CERTIFICATE_WITHDRAWN_12M: 'a certificate was withdrawn in the last 12 months',
  SURVEILLANCE_OVERDUE: "a certificate is valid but every valid one's last audit is too old (v1: over 15 months)",
  COI_SETTLEMENT_OVERDUE:
    'a conflict-of-interest declaration is unsettled too long after it was declared (v1: 30 days)',
  GIFT_BAN_VIOLATION_36M: 'a gift-ban violation in the last 36 months',
  UNDECLARED_CONFLICT_36M: 'an undeclared conflict of interest detected in the last 36 months',
  EMPLOYEE_CONVICTED_36M: 'an employee convicted of a corruption offence in the last 36 months',
  OFFENCE_UNDER_INVESTIGATION:
    'an offence is registered, neither convicted nor closed (a watch flag: it costs no points)',
  HEAD_SANCTIONED_36M: 'a head received a personal-responsibility sanction in the last 36 months',
  ACCOUNTABILITY_GAP:
    'a recent conviction is older than the grace period (v1: 90 days) and no head was sanctioned for it',
  LIFETIME_BAN_BREACH:
    'a head in office, or the compliance officer, has a corruption conviction recorded at this or any other entity (a lifetime ban from the quasi-public sector)',
};

const CLEAR_WAVE_MEANINGS: Readonly<Record<ClearWaveCondition, string>> = {
  VALID_CERTIFICATE: 'an anti-corruption certificate valid at the instant',
  COMPLIANCE_SERVICE: 'a compliance service established',
  NO_CONVICTION_12M: 'no conviction in the last 12 months',
  NO_GIFT_BAN_VIOLATION_12M: 'no gift-ban violation in the last 12 months',
  NO_UNDECLARED_CONFLICT_12M: 'no undeclared conflict of interest in the last 12 months',
  MINIMUM_SCORE: 'a score of at least the minimum (v1: 70)',
  NO_LIFETIME_BAN_BREACH: 'no LIFETIME_BAN_BREACH flag',
};

const FACTOR_MEANINGS: Readonly<Record<FactorName, string>> = {
  compliance_service: 'an anti-corruption compliance service established',
  valid_certificate: 'an ISO 37001 or ST RK 3049 certificate valid at the instant, recently audited',
  valid_certificate_audit_overdue: 'a valid certificate whose last audit is too old (fewer points)',
  risk_analysis_12m: 'a corruption-risk analysis completed in the last 12 months',
  staff_trained_12m: 'share of the staff trained in the last 12 months',
  declarations_settled_in_time_36m: 'share of the declarations of the last 36 months settled in time',
  declarations_settlement_overdue: 'a deduction per declaration still unsettled after the deadline',
  integrity_baseline: 'the integrity pillar before deductions',
  gift_ban_violations_36m: 'a deduction per gift-ban violation in the last 36 months',
  undeclared_conflicts_36m: 'a deduction per undeclared conflict in the last 36 months',
  employee_convictions_36m: 'a deduction per conviction in the last 36 months',
  employee_convictions_head_sanctioned_36m:
    'a smaller deduction per conviction for which a head was sanctioned in time',
};

export function grade(description = 'Grade of the score (v1: A from 85, B from 70, C from 50, D below 50).') {
  return vocabulary(GRADES, description);
}

export function methodologyVersion() {
  return Type.String({ description: 'Version of the scoring methodology that computed the score.' });
}

export const Flag = Type.Object(
  {
    code: vocabulary(FLAG_CODES, `What the flag says.\n\n${listOf(FLAG_MEANINGS)}`),
    eventIds: Type.Array(eventId(), {
      description:
        'The events behind the flag, to look up in the history; empty when the flag is raised by an absence (NO_COMPLIANCE_SERVICE).',
    }),
  },
  { ...CLOSED, description: 'A due-diligence flag, with the events that raised it.' },
);

export const ClearWave = Type.Object(
  {
    eligible: Type.Boolean({
      description: 'Whether the entity qualifies for the "clear wave" label: no condition unmet.',
    }),
    unmet: Type.Array(
      vocabulary(CLEAR_WAVE_CONDITIONS, `A condition the entity does not meet.\n\n${listOf(CLEAR_WAVE_MEANINGS)}`),
      { description: 'The conditions not met; empty when eligible.' },
    ),
  },
  { ...CLOSED, description: '"Clear wave" eligibility (action-plan item 14).' },
);

const PILLAR_MEANINGS: Readonly<Record<Pillar, string>> = {
  prevention: 'compliance service, certificate, risk analysis (v1: 0-40)',
  training: 'anti-corruption training coverage (v1: 0-10)',
  conflicts_of_interest: 'declarations settled in time, overdue ones deducted (v1: 0-20)',
  integrity: 'violations, undeclared conflicts and convictions deducted (v1: 0-30)',
};

const pillarPoints = (pillar: Pillar) =>
  Type.Number({ minimum: 0, maximum: 100, description: PILLAR_MEANINGS[pillar] });

export const Pillars = Type.Object(
  {
    prevention: pillarPoints('prevention'),
    training: pillarPoints('training'),
    conflicts_of_interest: pillarPoints('conflicts_of_interest'),
    integrity: pillarPoints('integrity'),
  },
  { ...CLOSED, description: "Each pillar's points, clamped to its range; they add up to the score." },
);

export const Factor = Type.Object(
  {
    pillar: explained(PILLAR_MEANINGS, 'The pillar the factor counts in.'),
    factor: explained(FACTOR_MEANINGS, 'What the factor measures.'),
    points: Type.Number({ description: 'Points it adds, or takes away when negative (two decimals at most).' }),
    eventIds: Type.Array(eventId(), { description: 'The events the points rest on.' }),
  },
  {
    ...CLOSED,
    description: 'One line of the explanation: what moved the score, by how much, because of which events.',
  },
);
