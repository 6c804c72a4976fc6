import type { EntityRecord } from '../../record/entity-record.js';
import { offenceStatus } from '../../record/offence.js';
import { violation, type RuleViolation } from '../rule-violation.js';
import { notBefore, type Rules } from './rule.js';

export const registerCorruptionOffence: Rules<'RegisterCorruptionOffence'> = (data, record) =>
  record.offences.has(data.offenceId)
    ? violation('offence-already-registered', `Offence ${data.offenceId} is already registered`)
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
    return violation('sanction-already-imposed', `Sanction ${data.sanctionId} is already recorded`);
  }
  const offence = record.offences.get(data.offenceId);
  if (!offence) {
    return violation('sanction-for-unknown-offence', `No offence ${data.offenceId} is registered for this entity`);
  }
  return notBefore('imposedOn', data.imposedOn, offence.registered.data.registeredOn, 'the offence registered on');
};

/** A verdict or a closure ends an offence case: it can happen once. */
function whileOpen(
  record: EntityRecord,
  offenceId: string,
  rules: (registeredOn: string) => RuleViolation | undefined,
): RuleViolation | undefined {
  const offence = record.offences.get(offenceId);
  if (!offence) return violation('offence-not-found', `No offence ${offenceId} is registered`);
  const status = offenceStatus(offence);
  if (status !== 'open') return violation('offence-not-open', `Offence ${offenceId} is already ${status}`);
  return rules(offence.registered.data.registeredOn);
}
