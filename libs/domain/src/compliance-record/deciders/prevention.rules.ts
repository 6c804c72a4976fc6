import { invalid } from '../rule-violation.js';
import type { Rules } from './rule.js';

export const completeCorruptionRiskAnalysis: Rules<'CompleteCorruptionRiskAnalysis'> = () => undefined;

export const completeAntiCorruptionTraining: Rules<'CompleteAntiCorruptionTraining'> = (data) =>
  data.participants > data.staffTotal
    ? invalid('participants-exceed-staff', 'participants', 'participants cannot exceed staffTotal')
    : undefined;

/** Register indices come from the register operator or a state body; they are recorded as given. */
export const recordRegisterIndex: Rules<'RecordRegisterIndex'> = () => undefined;
