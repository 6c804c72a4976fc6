import { describe, expect, it } from '@jest/globals';
import {
  businessInstantOf,
  isAmendment,
  METHODOLOGY_V1,
  refusedFacts,
  ScoreTimeline,
  unreadableFact,
  type ComplianceEvent,
  type IdentifiedEvent,
} from '#domain';
import { ChainVerifier, complianceUpcasters, type EventMetadata } from '#event-log';
import type { Position, RecordedEvent } from '#event-store';
import { entitySizes, NationalVolume, type StoredEventRow } from '../../bench/support/national-volume.js';

/** A small national volume: the same generator as `npm run bench -- --scale`, a few thousand events. */
function generate(): { volume: NationalVolume; rows: StoredEventRow[] } {
  const volume = new NationalVolume({ entities: 120, events: 12_000, largest: 1_500, endDay: '2026-11-27' });
  const rows = [...volume.batches()].flat();
  return { volume, rows };
}

describe('the national-scale volume of the benchmark', () => {
  const { volume, rows } = generate();
  const upcasters = complianceUpcasters();
  const byStream = new Map<string, StoredEventRow[]>();
  for (const row of rows) byStream.set(row[1], [...(byStream.get(row[1]) ?? []), row]);

  it('has the events asked for, the largest entity first, in recording order', () => {
    expect(rows).toHaveLength(12_000);
    expect(volume.sizes[0]).toBe(1_500);
    expect(byStream.get(`entity-${volume.bins[0]}`)).toHaveLength(1_500);
    expect(byStream.size).toBe(120);
    for (let i = 1; i < rows.length; i++) expect(rows[i][6]).toBeGreaterThanOrEqual(rows[i - 1][6]);
  });

  it('chains every stream as the event log does', () => {
    const verifier = new ChainVerifier();
    rows.forEach((row, i) => verifier.add(recorded(row, i)));
    const verdicts = [...verifier.verdicts().values()];
    expect(verdicts.filter((verdict) => !verdict.valid)).toEqual([]);
    expect(verdicts.reduce((sum, verdict) => sum + verdict.checkedEvents, 0)).toBe(rows.length);
  });

  it('records only facts the decider accepts, readable, dated by their recording, that score in order', () => {
    for (const [streamId, stream] of byStream) {
      const facts: IdentifiedEvent[] = stream.map((row) => {
        const metadata = JSON.parse(row[5]) as EventMetadata;
        const data = upcasters.upcast(row[3], metadata.schemaVersion, JSON.parse(row[4]));
        return { eventId: row[0], event: { type: row[3], data } as ComplianceEvent };
      });
      expect([streamId, [...refusedFacts(facts)]]).toEqual([streamId, []]);
      const timeline = new ScoreTimeline(METHODOLOGY_V1);
      facts.forEach((fact, i) => {
        expect(unreadableFact(fact.event)).toBeUndefined();
        const recordedAt = stream[i][6];
        if (fact.event.type !== 'FactCorrected' && fact.event.type !== 'EntityRegistered') {
          expect(businessInstantOf(fact.event)).toBeLessThanOrEqual(recordedAt);
        }
        if (isAmendment(fact.event)) return;
        timeline.add(fact);
        timeline.advanceTo(recordedAt);
      });
      expect([streamId, timeline.regular]).toEqual([streamId, true]);
    }
  });

  it('writes one entity after another in entity order, chained all the same', () => {
    const options = { entities: 50, events: 2_000, endDay: '2026-11-27', order: 'entity' } as const;
    const entityOrder = [...new NationalVolume(options).batches()].flat();
    expect(entityOrder).toHaveLength(2_000);
    const streams = entityOrder.map((row) => row[1]).filter((stream, i, all) => stream !== all[i - 1]);
    expect(streams).toHaveLength(50);
    const verifier = new ChainVerifier();
    entityOrder.forEach((row, i) => verifier.add(recorded(row, i)));
    expect([...verifier.verdicts().values()].every((verdict) => verdict.valid)).toBe(true);
  });

  it('spreads the sizes by a power law that sums exactly', () => {
    const sizes = entitySizes(1_000, 100_000, 1_000, 12);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(sizes[0]).toBe(1_000);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });
});

function recorded(row: StoredEventRow, index: number): RecordedEvent {
  const [eventId, streamId, revision, type, data, metadata, created] = row;
  return {
    eventId,
    streamId,
    revision,
    type,
    position: String(index + 1).padStart(20, '0') as Position,
    data: JSON.parse(data),
    metadata: JSON.parse(metadata),
    created: new Date(created),
  };
}
