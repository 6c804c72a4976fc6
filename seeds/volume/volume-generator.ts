import { withCheckDigit, type ComplianceEvent } from '#domain';
import { addDays, SeededRandom } from '../seeded-random.js';

/**
 * Large synthetic volumes for benchmarks: `entities` entities and `events` events in all,
 * shaped like real histories (trainings, analyses, declarations and their settlements, gifts
 * handed over, audits) and valid under every rule. Yields one entity at a time, so millions
 * of events never sit in memory together.
 */
export function* volume(entities: number, events: number, seed = 37001): Generator<{ bin: string; events: ComplianceEvent[] }> {
  const random = new SeededRandom(seed);
  const perEntity = Math.max(2, Math.floor(events / entities));
  for (let n = 0; n < entities; n++) {
    const bin = random.identifier('9', withCheckDigit);
    const history: ComplianceEvent[] = [
      { type: 'EntityRegistered', data: { bin, name: `Synthetic Company ${n} JSC`, stateSharePercent: 100, sector: random.pick(['energy', 'transport', 'finance', 'mining']), region: random.pick(['Astana', 'Almaty', 'Shymkent']) } },
      { type: 'ComplianceServiceEstablished', data: { officerIin: random.identifier('8', withCheckDigit), establishedOn: '2019-01-10' } },
    ];
    let day = '2019-02-01';
    for (let i = history.length; i < perEntity; i++) {
      day = addDays(day, 1);
      const kind = i % 5;
      if (kind === 0) history.push({ type: 'AntiCorruptionTrainingCompleted', data: { completedOn: day, participants: random.int(10, 100), staffTotal: 100 } });
      else if (kind === 1) history.push({ type: 'CorruptionRiskAnalysisCompleted', data: { period: day.slice(0, 7), completedOn: day, risksFound: random.int(0, 5), publicCouncilInvolved: false } });
      else if (kind === 2) history.push({ type: 'ConflictOfInterestDeclared', data: { declarationId: `d${i}`, declarantIin: random.identifier('8', withCheckDigit), position: 'specialist', nature: 'employment of a relative', declaredOn: day } });
      else if (kind === 3) history.push({ type: 'ConflictOfInterestSettled', data: { declarationId: `d${i - 1}`, measure: 'recusal', decidedBy: 'commission', settledOn: day } });
      else history.push({ type: 'GiftReported', data: { giftId: `g${i}`, recipientIin: random.identifier('8', withCheckDigit), recipientIsFamilyMember: false, donor: 'counterparty', description: 'souvenir', valueKzt: random.int(1000, 50000), receivedOn: day } });
    }
    yield { bin, events: history };
  }
}
