import type { EntityRecord } from '../../record/entity-record.js';
import { convictionOf } from '../../record/offence.js';
import { violation, type RuleViolation } from '../rule-violation.js';
import { notBefore, type Rules } from './rule.js';

export const registerEntity: Rules<'RegisterEntity'> = (data, record) => {
  if (record.registered) return violation('entity-already-registered', `BIN ${data.bin} is already registered`);
  if (data.parentBin === data.bin)
    return violation('entity-own-parent', 'An entity cannot be its own parent', 'parentBin');
  return undefined;
};

/**
 * A change names at least one detail, and does not make the entity its own parent. Longer
 * cycles in the holding structure span several streams: the read side's registry checks them.
 */
export const changeEntityDetails: Rules<'ChangeEntityDetails'> = (data, record) => {
  const { changedOn: _changedOn, ...details } = data;
  if (Object.keys(details).length === 0) {
    return violation('nothing-to-change', 'Name at least one detail to change', '(body)');
  }
  if (details.parentBin !== undefined && details.parentBin === record.bin) {
    return violation('entity-own-parent', 'An entity cannot be its own parent', 'parentBin');
  }
  return undefined;
};

/** Establishing it again records a new officer or a re-established service. */
export const establishComplianceService: Rules<'EstablishComplianceService'> = (data, record) =>
  lifetimeBan(data.officerIin, record);

export const appointHead: Rules<'AppointHead'> = (data, record) =>
  record.heads.has(data.iin)
    ? violation('head-already-in-office', 'This person is already a head in office; dismiss them first')
    : lifetimeBan(data.iin, record);

/**
 * A person convicted of a corruption crime may never again be employed in the quasi-public
 * sector (Concept 2022-2026, 004 line 211). Checked against this entity's record; a ban
 * across entities needs the read side's registry of convictions.
 */
function lifetimeBan(iin: string, record: EntityRecord): RuleViolation | undefined {
  const convicted = [...record.offences].find(
    ([, offence]) => offence.registered.data.employeeIin === iin && convictionOf(offence) !== undefined,
  );
  return convicted
    ? violation(
        'lifetime-employment-ban',
        `This person was convicted of corruption offence ${convicted[0]} and may not be employed in the quasi-public sector`,
      )
    : undefined;
}

export const dismissHead: Rules<'DismissHead'> = (data, record) => {
  const head = record.heads.get(data.iin);
  if (!head) return violation('head-not-in-office', 'No head in office has this IIN');
  return notBefore('dismissedOn', data.dismissedOn, head.data.appointedOn, 'the appointment on');
};
