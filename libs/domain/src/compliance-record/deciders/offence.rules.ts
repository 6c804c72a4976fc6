import { conflict, notFound, type RuleViolation } from '../rule-violation.js';
import type { ComplianceRecord } from '../state.js';
import { notBefore, type Rules } from './rule.js';

export const registerCorruptionOffence: Rules<'RegisterCorruptionOffence'> = (data, record) =>
  record.offences.has(data.offenceId)
    ? conflict('offence-already-registered', `Offence ${data.offenceId} is already registered`)
    : undefined;

export const convictCorruptionOffence: Rules<'ConvictCorruptionOffence'> = (data, record) =>
  whileOpen(record, data.offenceId, (registeredOn) =>
    notBefore('convictedOn', data.convictedOn, registeredOn, 'the registration on'),
  );

export const closeCorruptionOffence: Rules<'CloseCorruptionOffence'> = (data, record) =>
  whileOpen(record, data.offenceId, (registeredOn) =>
    notBefore('closedOn', data.closedOn, registeredOn, 'the registration on'),
  );

/** A head answers for a subordinate's offence: the offence must be on record. */
export const imposePersonalResponsibilitySanction: Rules<'ImposePersonalResponsibilitySanction'> = (data, record) => {
  if (record.sanctions.has(data.sanctionId)) {
    return conflict('sanction-already-imposed', `Sanction ${data.sanctionId} is already recorded`);
  }
  const offence = record.offences.get(data.offenceId);
  if (!offence) {
    return conflict('sanction-for-unknown-offence', `No offence ${data.offenceId} is registered for this entity`);
  }
  return notBefore('imposedOn', data.imposedOn, offence.registeredOn, 'the offence registered on');
};

/** A verdict or a closure ends an offence case: it can happen once. */
function whileOpen(
  record: ComplianceRecord,
  offenceId: string,
  rules: (registeredOn: string) => RuleViolation | undefined,
): RuleViolation | undefined {
  const offence = record.offences.get(offenceId);
  if (!offence) return notFound('offence-not-found', `No offence ${offenceId} is registered`);
  if (offence.status !== 'open')
    return conflict('offence-not-open', `Offence ${offenceId} is already ${offence.status}`);
  return rules(offence.registeredOn);
}
