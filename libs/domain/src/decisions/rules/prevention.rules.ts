import { violation } from '../rule-violation.js';
import type { Rules } from './rule.js';

export const completeCorruptionRiskAnalysis: Rules<'CompleteCorruptionRiskAnalysis'> = () => undefined;

export const completeAntiCorruptionTraining: Rules<'CompleteAntiCorruptionTraining'> = (data) =>
  data.participants > data.staffTotal
    ? violation('participants-exceed-staff', 'participants cannot exceed staffTotal', 'participants')
    : undefined;

/** Register indices come from the register operator or a state body; they are recorded as given. */
export const recordRegisterIndex: Rules<'RecordRegisterIndex'> = () => undefined;
