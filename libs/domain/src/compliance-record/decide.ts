import { EVENT_OF_COMMAND, type ComplianceCommand, type ComplianceCommandType } from './commands.js';
import * as certification from './deciders/certification.rules.js';
import * as conflictsOfInterest from './deciders/conflict-of-interest.rules.js';
import * as entity from './deciders/entity.rules.js';
import * as gifts from './deciders/gift.rules.js';
import * as offences from './deciders/offence.rules.js';
import * as prevention from './deciders/prevention.rules.js';
import type { Rules } from './deciders/rule.js';
import type { ComplianceEvent } from './events.js';
import { notFound, type RuleViolation } from './rule-violation.js';
import type { ComplianceRecord } from './state.js';

const RULES: { readonly [Type in ComplianceCommandType]: Rules<Type> } = {
  RegisterEntity: entity.registerEntity,
  ChangeEntityDetails: entity.changeEntityDetails,
  EstablishComplianceService: entity.establishComplianceService,
  AppointHead: entity.appointHead,
  DismissHead: entity.dismissHead,
  IssueCertificate: certification.issueCertificate,
  CompleteSurveillanceAudit: certification.completeSurveillanceAudit,
  SuspendCertificate: certification.suspendCertificate,
  ReinstateCertificate: certification.reinstateCertificate,
  WithdrawCertificate: certification.withdrawCertificate,
  RenewCertificate: certification.renewCertificate,
  DeclareConflictOfInterest: conflictsOfInterest.declareConflictOfInterest,
  SettleConflictOfInterest: conflictsOfInterest.settleConflictOfInterest,
  RecordUndeclaredConflict: conflictsOfInterest.recordUndeclaredConflict,
  ReportGift: gifts.reportGift,
  HandOverGift: gifts.handOverGift,
  RecordGiftBanViolation: gifts.recordGiftBanViolation,
  RegisterCorruptionOffence: offences.registerCorruptionOffence,
  ConvictCorruptionOffence: offences.convictCorruptionOffence,
  CloseCorruptionOffence: offences.closeCorruptionOffence,
  ImposePersonalResponsibilitySanction: offences.imposePersonalResponsibilitySanction,
  CompleteCorruptionRiskAnalysis: prevention.completeCorruptionRiskAnalysis,
  CompleteAntiCorruptionTraining: prevention.completeAntiCorruptionTraining,
  RecordRegisterIndex: prevention.recordRegisterIndex,
};

/**
 * The decider: given everything recorded about an entity, the events a command produces, or
 * the rule it breaks. Pure: no clock, no I/O, the same answer for the same inputs.
 */
export function decide(command: ComplianceCommand, record: ComplianceRecord): ComplianceEvent[] | RuleViolation {
  if (command.type !== 'RegisterEntity' && !record.registered) {
    return notFound('entity-not-registered', 'No entity is registered with this BIN');
  }
  const rules = RULES[command.type] as Rules<ComplianceCommandType>;
  const violation = rules(command.data as never, record);
  if (violation) return violation;
  return [{ type: EVENT_OF_COMMAND[command.type], data: command.data } as ComplianceEvent];
}
