import { conflict, invalid, notFound, type RuleViolation } from '../rule-violation.js';
import type { ComplianceRecord } from '../state.js';
import { notBefore, type Rules } from './rule.js';

export const registerEntity: Rules<'RegisterEntity'> = (data, record) => {
  if (record.registered) return conflict('entity-already-registered', `BIN ${data.bin} is already registered`);
  if (data.parentBin === data.bin)
    return invalid('entity-own-parent', 'parentBin', 'An entity cannot be its own parent');
  return undefined;
};

/**
 * A change names at least one detail, and does not make the entity its own parent. Longer
 * cycles in the holding structure span several streams: the read side's registry checks them.
 */
export const changeEntityDetails: Rules<'ChangeEntityDetails'> = (data, record) => {
  const { changedOn: _changedOn, ...details } = data;
  if (Object.keys(details).length === 0) {
    return invalid('nothing-to-change', '(body)', 'Name at least one detail to change');
  }
  if (details.parentBin !== undefined && details.parentBin === record.bin) {
    return invalid('entity-own-parent', 'parentBin', 'An entity cannot be its own parent');
  }
  return undefined;
};

/** Establishing it again records a new officer or a re-established service. */
export const establishComplianceService: Rules<'EstablishComplianceService'> = (data, record) =>
  lifetimeBan(data.officerIin, record);

export const appointHead: Rules<'AppointHead'> = (data, record) =>
  record.heads.has(data.iin)
    ? conflict('head-already-in-office', 'This person is already a head in office; dismiss them first')
    : lifetimeBan(data.iin, record);

/**
 * A person convicted of a corruption crime may never again be employed in the quasi-public
 * sector (Concept 2022-2026, 004 line 211). Checked against this entity's record; a ban
 * across entities needs the read side's registry of convictions.
 */
function lifetimeBan(iin: string, record: ComplianceRecord): RuleViolation | undefined {
  const conviction = [...record.offences].find(
    ([, offence]) => offence.employeeIin === iin && offence.status === 'convicted',
  );
  return conviction
    ? conflict(
        'lifetime-employment-ban',
        `This person was convicted of corruption offence ${conviction[0]} and may not be employed in the quasi-public sector`,
      )
    : undefined;
}

export const dismissHead: Rules<'DismissHead'> = (data, record) => {
  const head = record.heads.get(data.iin);
  if (!head) return notFound('head-not-in-office', 'No head in office has this IIN');
  return notBefore('dismissedOn', data.dismissedOn, head.appointedOn, 'the appointment on');
};
