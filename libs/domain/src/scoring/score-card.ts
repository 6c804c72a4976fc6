export type Pillar = 'prevention' | 'training' | 'conflicts_of_interest' | 'integrity';

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const FLAG_CODES = [
  'NO_COMPLIANCE_SERVICE',
  'NO_VALID_CERTIFICATE',
  'CERTIFICATE_SUSPENDED',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_WITHDRAWN_12M',
  'SURVEILLANCE_OVERDUE',
  'COI_SETTLEMENT_OVERDUE',
  'GIFT_BAN_VIOLATION_36M',
  'UNDECLARED_CONFLICT_36M',
  'EMPLOYEE_CONVICTED_36M',
  'OFFENCE_UNDER_INVESTIGATION',
  'HEAD_SANCTIONED_36M',
  'ACCOUNTABILITY_GAP',
  'LIFETIME_BAN_BREACH',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const CLEAR_WAVE_CONDITIONS = [
  'VALID_CERTIFICATE',
  'COMPLIANCE_SERVICE',
  'NO_CONVICTION_12M',
  'NO_GIFT_BAN_VIOLATION_12M',
  'NO_UNDECLARED_CONFLICT_12M',
  'MINIMUM_SCORE',
  'NO_LIFETIME_BAN_BREACH',
] as const;
export type ClearWaveCondition = (typeof CLEAR_WAVE_CONDITIONS)[number];

/** One line of the explanation: what moved the score, by how much, because of which events. */
export interface Factor {
  readonly pillar: Pillar;
  readonly factor: string;
  readonly points: number;
  readonly eventIds: readonly string[];
}

export interface Flag {
  readonly code: FlagCode;
  readonly eventIds: readonly string[];
}

/** An entity's integrity rating at one instant, explained. Advisory, never a verdict. */
export interface ScoreCard {
  readonly score: number;
  readonly grade: Grade;
  readonly methodologyVersion: string;
  /** The business instant the rules were evaluated at (ISO 8601). */
  readonly asOf: string;
  readonly pillars: Readonly<Record<Pillar, number>>;
  readonly factors: readonly Factor[];
  readonly flags: readonly Flag[];
  readonly clearWave: { readonly eligible: boolean; readonly unmet: readonly ClearWaveCondition[] };
}
