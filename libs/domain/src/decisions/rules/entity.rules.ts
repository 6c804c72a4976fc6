import { openTerm } from '../../record/head.js';
import { violation } from '../rule-violation.js';
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

/**
 * Establishing it again records a new officer or a re-established service. A person convicted of
 * a corruption offence may be appointed all the same: it happened, so it is recorded, and
 * scoring flags it (LIFETIME_BAN_BREACH) while the person is in office.
 */
export const establishComplianceService: Rules<'EstablishComplianceService'> = () => undefined;

export const appointHead: Rules<'AppointHead'> = (data, record) =>
  openTerm(record.headTerms, data.iin)
    ? violation('head-already-in-office', 'This person is already a head in office; dismiss them first')
    : undefined;

export const dismissHead: Rules<'DismissHead'> = (data, record) => {
  const term = openTerm(record.headTerms, data.iin);
  if (!term) return violation('head-not-in-office', 'No head in office has this IIN');
  return notBefore('dismissedOn', data.dismissedOn, term.appointed.data.appointedOn, 'the appointment on');
};
