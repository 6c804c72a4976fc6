import { conflict, invalid, notFound } from '../rule-violation.js';
import { notBefore, type Rules } from './rule.js';

export const registerEntity: Rules<'RegisterEntity'> = (data, record) => {
  if (record.registered) return conflict('entity-already-registered', `BIN ${data.bin} is already registered`);
  if (data.parentBin === data.bin)
    return invalid('entity-own-parent', 'parentBin', 'An entity cannot be its own parent');
  return undefined;
};

/** A change names at least one detail; the holding structure stays a tree. */
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
export const establishComplianceService: Rules<'EstablishComplianceService'> = () => undefined;

export const appointHead: Rules<'AppointHead'> = (data, record) =>
  record.heads.has(data.iin)
    ? conflict('head-already-in-office', 'This person is already a head in office; dismiss them first')
    : undefined;

export const dismissHead: Rules<'DismissHead'> = (data, record) => {
  const head = record.heads.get(data.iin);
  if (!head) return notFound('head-not-in-office', 'No head in office has this IIN');
  return notBefore('dismissedOn', data.dismissedOn, head.appointedOn, 'the appointment on');
};
