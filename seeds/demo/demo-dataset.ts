import { withCheckDigit, type ComplianceCommand, type OffenceCategory } from '#domain';
import { addDays, SeededRandom } from '../seeded-random.js';

/**
 * A demo register: three holdings and their subsidiaries, with 2019-2026 compliance histories.
 * Names echo the kinds of companies in the reference documents; every BIN and IIN is
 * synthetic (valid check digits, no real entity or person). Proportions follow the national
 * reports where they give any, and are stated assumptions where they do not:
 * - offence categories: bribery 51%, theft and fraud 21%, abuse of office 16%, other 12%
 *   (001 line 654);
 * - conflict-of-interest areas: employment 133 of 153 cases, procurement 7 (001 lines 1319-1323);
 * - heads sanctioned for subordinates' offences: 21 top managers disciplined by early 2022
 *   (000 line 222), modelled as a sanction after 45% of convictions (assumption);
 * - declarations settled within 30 days: 85% (assumption); certificates held: 60% (assumption).
 */
export interface DemoEntity {
  readonly bin: string;
  readonly commands: readonly ComplianceCommand[];
}

const HOLDINGS = [
  { name: 'National Welfare Fund (holding) JSC', sector: 'holding', subsidiaries: [
    ['National Railway Company JSC', 'transport'], ['National Oil and Gas Company JSC', 'oil_gas'],
    ['National Atomic Company JSC', 'mining'], ['National Air Carrier JSC', 'transport'],
    ['National Postal Operator JSC', 'communications'], ['Electricity Grid Operating Company JSC', 'energy'],
    ['National Mining Company JSC', 'mining'], ['National Telecommunications Operator JSC', 'communications'],
    ['Gas Transportation Company JSC', 'oil_gas'], ['Power Generation Holding JSC', 'energy'],
    ['Real Estate Fund JSC', 'construction'], ['Railway Passenger Carrier JSC', 'transport'],
    ['Cargo Logistics Company LLP', 'transport'], ['Chemical Industry Company LLP', 'manufacturing'],
  ] },
  { name: 'National Managing Holding for Development JSC', sector: 'holding', subsidiaries: [
    ['Development Bank JSC', 'finance'], ['Export Credit Agency JSC', 'finance'],
    ['Housing Construction Savings Bank JSC', 'finance'], ['Entrepreneurship Development Fund JSC', 'finance'],
    ['Investment Fund JSC', 'finance'], ['Industrial Development Fund JSC', 'finance'],
    ['Mortgage Organization JSC', 'finance'], ['Housing Construction Company JSC', 'construction'],
    ['Distressed Assets Fund JSC', 'finance'], ['Innovation Development Agency JSC', 'science'],
  ] },
  { name: 'National Agrarian Holding JSC', sector: 'holding', subsidiaries: [
    ['Food Contract Corporation JSC', 'agriculture'], ['Agrarian Credit Corporation JSC', 'agriculture'],
    ['Agricultural Support Fund JSC', 'agriculture'], ['Agrarian Leasing Company JSC', 'agriculture'],
    ['Grain Storage Company LLP', 'agriculture'], ['Veterinary Services Company LLP', 'agriculture'],
    ['Irrigation Systems Operator RSE', 'water'], ['Forest Protection Operator RSE', 'environment'],
  ] },
] as const;

const REGIONS = ['Astana', 'Almaty', 'Shymkent', 'Atyrau', 'Karaganda region', 'Aktobe region', 'Pavlodar region', 'East Kazakhstan region', 'Mangystau region', 'Kostanay region'];
const OFFENCE_CATEGORIES: readonly (readonly [OffenceCategory, number])[] = [
  ['bribe_taking', 36], ['bribe_giving', 15], ['fraud', 12], ['embezzlement', 9], ['abuse_of_office', 16], ['other', 12],
];
const CONFLICT_AREAS: readonly (readonly [string, number])[] = [
  ['employment or joint work with a close relative', 133],
  ['close relative on a procurement commission', 7],
  ['disciplinary proceedings involving a relative', 6],
  ['other private interest in an official decision', 7],
];
const LAST_DAY = '2026-10-31';

export function demoDataset(seed = 2026): DemoEntity[] {
  const random = new SeededRandom(seed);
  const bin = () => random.identifier('0', withCheckDigit);
  const iin = () => random.identifier(String(random.int(60, 99)), withCheckDigit);
  const entities: DemoEntity[] = [];
  for (const holding of HOLDINGS) {
    const holdingBin = bin();
    entities.push(history(random, iin, { bin: holdingBin, name: holding.name, sector: holding.sector, parentBin: undefined, region: 'Astana' }));
    for (const [name, sector] of holding.subsidiaries) {
      entities.push(history(random, iin, { bin: bin(), name, sector, parentBin: holdingBin, region: random.pick(REGIONS) }));
    }
  }
  return entities;
}

function history(
  random: SeededRandom,
  iin: () => string,
  entity: { bin: string; name: string; sector: string; parentBin?: string; region: string },
): DemoEntity {
  const dated: { on: string; command: ComplianceCommand }[] = [];
  const add = (on: string, command: ComplianceCommand) => {
    if (on <= LAST_DAY) dated.push({ on, command });
  };
  const day = (year: number) => `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;

  const registeredOn = day(random.int(1995, 2012));
  dated.push({
    on: '0000',
    command: {
      type: 'RegisterEntity',
      data: {
        bin: entity.bin,
        name: entity.name,
        legalForm: entity.name.endsWith('LLP') ? 'LLP' : entity.name.endsWith('RSE') ? 'RSE' : 'JSC',
        stateSharePercent: entity.parentBin ? random.pick([100, 100, 100, 90, 75, 51]) : 100,
        ...(entity.parentBin ? { parentBin: entity.parentBin } : {}),
        sector: entity.sector,
        region: entity.region,
        registeredOn,
      },
    },
  });
  add(day(2018), { type: 'AppointHead', data: { iin: iin(), fullName: 'Synthetic Head', position: 'chairman of the management board', appointedOn: '2018-01-15' } });
  if (random.chance(0.8)) add(day(random.int(2019, 2021)), { type: 'EstablishComplianceService', data: { officerIin: iin(), officerName: 'Synthetic Officer', establishedOn: day(random.int(2019, 2021)) } });

  if (random.chance(0.6)) {
    const issuedOn = day(random.int(2020, 2022));
    const certificateId = `cert-${entity.bin.slice(-4)}`;
    const standard = random.chance(0.7) ? 'ISO_37001' : 'ST_RK_3049';
    add(issuedOn, { type: 'IssueCertificate', data: { certificateId, certificateNumber: `KZ.${random.int(1000000, 9999999)}.${issuedOn.slice(2, 4)}`, standard, ...(standard === 'ISO_37001' ? { edition: '2016' } : {}), certificationBody: random.pick(['Certification body A', 'Certification body B', 'Certification body C']), issuedOn, expiresOn: addDays(issuedOn, 3 * 365) } });
    let last = issuedOn;
    for (let year = 1; year <= 2; year++) {
      const auditedOn = addDays(issuedOn, 365 * year + random.int(-20, 20));
      const outcome = random.weighted([['passed', 80], ['minor_nonconformities', 15], ['failed', 5]] as const);
      add(auditedOn, { type: 'CompleteSurveillanceAudit', data: { certificateId, auditedOn, outcome } });
      last = auditedOn;
      if (outcome === 'failed') {
        add(addDays(auditedOn, 5), { type: 'SuspendCertificate', data: { certificateId, suspendedOn: addDays(auditedOn, 5), reason: 'failed surveillance audit' } });
        add(addDays(auditedOn, 70), { type: 'ReinstateCertificate', data: { certificateId, reinstatedOn: addDays(auditedOn, 70) } });
        last = addDays(auditedOn, 70);
      }
    }
    const renewedOn = addDays(issuedOn, 3 * 365 - 30);
    if (random.chance(0.05)) add(addDays(last, 30), { type: 'WithdrawCertificate', data: { certificateId, withdrawnOn: addDays(last, 30), reason: 'systemic nonconformity' } });
    else add(renewedOn, { type: 'RenewCertificate', data: { certificateId, renewedOn, expiresOn: addDays(renewedOn, 3 * 365) } });
  }

  for (let year = 2019; year <= 2026; year++) {
    if (random.chance(0.7)) add(`${year}-12-15`, { type: 'CompleteCorruptionRiskAnalysis', data: { period: String(year), completedOn: `${year}-12-15`, risksFound: random.int(0, 12), publicCouncilInvolved: random.chance(0.4) } });
    const staffTotal = random.int(200, 5000);
    if (random.chance(0.8)) add(`${year}-10-01`, { type: 'CompleteAntiCorruptionTraining', data: { completedOn: `${year}-10-01`, participants: Math.round(staffTotal * random.int(30, 100) / 100), staffTotal, programme: 'anti-corruption standards, gift ban, conflicts of interest' } });
    for (let n = random.int(0, 2); n > 0; n--) {
      const declaredOn = day(year);
      const declarationId = `coi-${year}-${n}-${entity.bin.slice(-3)}`;
      add(declaredOn, { type: 'DeclareConflictOfInterest', data: { declarationId, declarantIin: iin(), position: random.pick(['procurement specialist', 'HR manager', 'deputy director', 'engineer']), nature: random.weighted(CONFLICT_AREAS), declaredOn } });
      const settledAfter = random.weighted([[random.int(1, 30), 85], [random.int(31, 120), 10], [-1, 5]] as const);
      if (settledAfter > 0) add(addDays(declaredOn, settledAfter), { type: 'SettleConflictOfInterest', data: { declarationId, measure: random.weighted([['recusal', 60], ['reassignment', 25], ['divestment', 5], ['dismissal', 5], ['other', 5]] as const), decidedBy: 'conflict of interest commission', settledOn: addDays(declaredOn, settledAfter) } });
    }
    if (random.chance(0.3)) {
      const receivedOn = day(year);
      const giftId = `gift-${year}-${entity.bin.slice(-3)}`;
      add(receivedOn, { type: 'ReportGift', data: { giftId, recipientIin: iin(), recipientIsFamilyMember: random.chance(0.2), donor: 'a counterparty', description: random.pick(['souvenir', 'watch', 'gift certificate']), valueKzt: random.int(5_000, 500_000), receivedOn } });
      add(addDays(receivedOn, random.int(1, 10)), { type: 'HandOverGift', data: { giftId, handedOverOn: addDays(receivedOn, random.int(1, 10)), handedOverTo: 'state property committee' } });
    }
  }
  if (random.chance(0.1)) add(day(random.int(2021, 2025)), { type: 'RecordGiftBanViolation', data: { personIin: iin(), description: 'accepted a gift from a supplier without reporting it', occurredOn: day(random.int(2021, 2025)), valueKzt: random.int(50_000, 2_000_000) } });
  if (random.chance(0.1)) add(day(random.int(2021, 2025)), { type: 'RecordUndeclaredConflict', data: { personIin: iin(), description: 'undeclared stake in a contractor', detectedOn: day(random.int(2021, 2025)), detectionSource: 'internal audit' } });
  for (let n = random.chance(0.25) ? random.int(1, 2) : 0; n > 0; n--) {
    const registeredOn = day(random.int(2019, 2024));
    const offenceId = `off-${n}-${entity.bin.slice(-4)}`;
    add(registeredOn, { type: 'RegisterCorruptionOffence', data: { offenceId, employeeIin: iin(), position: random.pick(['procurement specialist', 'deputy director', 'branch manager']), category: random.weighted(OFFENCE_CATEGORIES), registeredOn } });
    const outcome = random.weighted([['convicted', 70], ['closed', 20], ['open', 10]] as const);
    const decidedOn = addDays(registeredOn, random.int(120, 360));
    if (outcome === 'convicted') {
      add(decidedOn, { type: 'ConvictCorruptionOffence', data: { offenceId, convictedOn: decidedOn } });
      if (random.chance(0.45)) add(addDays(decidedOn, random.int(10, 80)), { type: 'ImposePersonalResponsibilitySanction', data: { sanctionId: `sanc-${offenceId}`, headIin: iin(), headPosition: 'chairman of the management board', sanction: random.weighted([['reprimand', 30], ['severe_reprimand', 40], ['incomplete_compliance_warning', 20], ['dismissal', 10]] as const), offenceId, imposedOn: addDays(decidedOn, random.int(10, 80)) } });
    } else if (outcome === 'closed') {
      add(decidedOn, { type: 'CloseCorruptionOffence', data: { offenceId, closedOn: decidedOn, reason: 'no corpus delicti' } });
    }
  }
  if (random.chance(0.5)) add('2026-06-30', { type: 'RecordRegisterIndex', data: { index: 'payment_discipline', value: random.int(40, 100), source: 'State Revenue Committee', asOf: '2026-06-30' } });

  dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  return { bin: entity.bin, commands: dated.map((d) => d.command) };
}
