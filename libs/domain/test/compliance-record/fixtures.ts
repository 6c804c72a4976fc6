import {
  decide,
  replay,
  type CommandOf,
  type ComplianceCommand,
  type ComplianceCommandType,
  type ComplianceEvent,
  type ComplianceEventType,
  type EventOf,
  type RuleViolation,
} from '#domain';

export const BIN = '081140000436';
export const PARENT_BIN = '940740000911';
export const IIN = '860311300524'; // a valid check digit

/** given(...events).when(command): the decision, as emmett-style given/when/then. */
export function given(...history: ComplianceEvent[]) {
  return {
    when(command: ComplianceCommand): ComplianceEvent[] | RuleViolation {
      return decide(command, replay(history.map((event, i) => ({ eventId: `e${i}`, event }))));
    },
  };
}

export function command<Type extends ComplianceCommandType>(
  type: Type,
  data: CommandOf<Type>['data'],
): ComplianceCommand {
  return { type, data } as ComplianceCommand;
}

export function event<Type extends ComplianceEventType>(type: Type, data: EventOf<Type>['data']): ComplianceEvent {
  return { type, data } as ComplianceEvent;
}

export const registered = event('EntityRegistered', { bin: BIN, name: 'National company', stateSharePercent: 100 });

export const certificateIssued = event('CertificateIssued', {
  certificateId: 'cert-1',
  certificateNumber: 'KZ.7500403.22.03.00101',
  standard: 'ISO_37001',
  edition: '2016',
  certificationBody: 'Certification body',
  issuedOn: '2024-03-01',
  expiresOn: '2027-03-01',
});

export const declared = event('ConflictOfInterestDeclared', {
  declarationId: 'decl-1',
  declarantIin: IIN,
  position: 'procurement specialist',
  nature: 'relative works for a supplier',
  declaredOn: '2025-01-10',
});

export const giftReported = event('GiftReported', {
  giftId: 'gift-1',
  recipientIin: IIN,
  recipientIsFamilyMember: false,
  donor: 'supplier LLP',
  description: 'watch',
  valueKzt: 250000,
  receivedOn: '2025-02-01',
});

export const offenceRegistered = event('CorruptionOffenceRegistered', {
  offenceId: 'off-1',
  employeeIin: IIN,
  position: 'deputy director',
  category: 'bribe_taking',
  registeredOn: '2025-04-01',
});

export const headAppointed = event('HeadAppointed', {
  iin: IIN,
  fullName: 'A. Head',
  position: 'chairman of the management board',
  appointedOn: '2023-01-09',
});
