import { EVENT_OF_COMMAND, type ComplianceCommand, type ComplianceCommandType } from './commands.js';
import type { ComplianceEvent } from '../facts/events.js';
import type { EntityRecord } from '../record/entity-record.js';
import { violation, type RuleViolation } from './rule-violation.js';
import * as amendments from './rules/amendment.rules.js';
import * as certification from './rules/certification.rules.js';
import * as conflictsOfInterest from './rules/conflict-of-interest.rules.js';
import * as entity from './rules/entity.rules.js';
import * as gifts from './rules/gift.rules.js';
import * as offences from './rules/offence.rules.js';
import * as prevention from './rules/prevention.rules.js';
import type { Rules } from './rules/rule.js';

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
  RetractFact: amendments.retractFact,
  CorrectFact: amendments.correctFact,
};

/**
 * The decider: given everything recorded about an entity, the events a command produces, or
 * the rule it breaks. Pure: no clock, no I/O, the same answer for the same inputs.
 */
export function decide(command: ComplianceCommand, record: EntityRecord): ComplianceEvent[] | RuleViolation {
  if (command.type !== 'RegisterEntity' && !record.registered) {
    return violation('entity-not-registered', 'No entity is registered with this BIN');
  }
  const rules = RULES[command.type] as Rules<ComplianceCommandType>;
  const broken = rules(command.data as never, record);
  if (broken) return broken;
  return [{ type: EVENT_OF_COMMAND[command.type], data: command.data } as ComplianceEvent];
}
