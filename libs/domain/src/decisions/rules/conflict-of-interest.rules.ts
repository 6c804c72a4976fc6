import { violation } from '../rule-violation.js';
import { notBefore, type Rules } from './rule.js';

export const declareConflictOfInterest: Rules<'DeclareConflictOfInterest'> = (data, record) =>
  record.declarations.has(data.declarationId)
    ? violation('declaration-already-recorded', `Declaration ${data.declarationId} is already recorded`)
    : undefined;

export const settleConflictOfInterest: Rules<'SettleConflictOfInterest'> = (data, record) => {
  const declaration = record.declarations.get(data.declarationId);
  if (!declaration) return violation('declaration-not-found', `No declaration ${data.declarationId} is recorded`);
  if (declaration.settlement) {
    return violation('declaration-already-settled', `Declaration ${data.declarationId} is already settled`);
  }
  return notBefore('settledOn', data.settledOn, declaration.declared.data.declaredOn, 'the declaration on');
};

/** An undeclared conflict found later is a violation in itself; nothing recorded can forbid it. */
export const recordUndeclaredConflict: Rules<'RecordUndeclaredConflict'> = () => undefined;
