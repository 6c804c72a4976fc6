import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ComplianceCommand } from '#domain';
import { ComplianceEventLog, entityStreamId } from '#event-log';
import { SqliteEventStore } from '#event-store/sqlite';
import {
  EntityRecords,
  FactRefusedError,
  HoldingScope,
  IdempotencyKeyReusedError,
  recordFact,
  recordFacts,
} from '#write-side';

const HOLDING = '081140000436';
const SUBSIDIARY = '940740000911';
const OTHER_HOLDING = '000740001307';
const recording = { recordedBy: { id: 'officer-key', role: 'officer' }, correlationId: 'c', causationId: 'r' };
const register = (bin: string, parentBin?: string): ComplianceCommand => ({
  type: 'RegisterEntity',
  data: { bin, name: `Company ${bin}`, stateSharePercent: 100, ...(parentBin ? { parentBin } : {}) },
});
const move = (parentBin: string): ComplianceCommand => ({
  type: 'ChangeEntityDetails',
  data: { parentBin, changedOn: '2025-06-01' },
});

describe('the write side, framework-free', () => {
  let store: SqliteEventStore;
  let records: EntityRecords;

  beforeEach(() => {
    store = SqliteEventStore.open({ filename: ':memory:' });
    records = new EntityRecords(new ComplianceEventLog(store));
  });
  afterEach(() => store.close());

  describe('recordFacts', () => {
    it('decides each command on the record the ones before it leave, and appends them together', async () => {
      const { results } = await recordFacts(records, {
        bin: HOLDING,
        recording,
        commands: [
          register(HOLDING),
          {
            type: 'AppointHead',
            data: { iin: '860311300524', fullName: 'H', position: 'chair', appointedOn: '2025-01-01' },
          },
          { type: 'DismissHead', data: { iin: '860311300524', dismissedOn: '2025-02-01' } },
        ],
      });

      expect(results.map((r) => r.revision)).toEqual([0, 1, 2]);
      expect(new Set(results.map((r) => r.position)).size).toBe(1); // one atomic append
    });

    it('records nothing at all when one of the commands is refused', async () => {
      const refused = await recordFacts(records, {
        bin: HOLDING,
        recording,
        commands: [
          register(HOLDING),
          { type: 'DismissHead', data: { iin: '860311300524', dismissedOn: '2025-02-01' } },
        ],
      }).catch((error: unknown) => error);

      expect(refused).toBeInstanceOf(FactRefusedError);
      expect((refused as FactRefusedError).violation).toMatchObject({ rule: 'head-not-in-office', kind: 'not_found' });
      expect(await store.readStream(entityStreamId(HOLDING))).toEqual([]);
    });

    it('answers a retry with the same idempotency stamp from the stream, recording nothing twice', async () => {
      await recordFact(records, { bin: HOLDING, recording, command: register(HOLDING) });
      const stamped = { ...recording, idempotency: { key: 'k1', fingerprint: 'f1' } };
      const training: ComplianceCommand = {
        type: 'CompleteAntiCorruptionTraining',
        data: { completedOn: '2025-01-01', participants: 1, staffTotal: 2 },
      };
      const first = await recordFact(records, { bin: HOLDING, recording: stamped, command: training });

      const retry = await recordFact(new EntityRecords(new ComplianceEventLog(store)), {
        bin: HOLDING,
        recording: stamped,
        command: training,
      });

      expect(retry).toEqual({ result: first.result, replayed: true });
      expect(await store.readStream(entityStreamId(HOLDING))).toHaveLength(2);
    });

    it('finds a keyed write in the kept stream after later writes, the key being each caller its own', async () => {
      const stamped = { ...recording, idempotency: { key: 'k1', fingerprint: 'f1' } };
      const first = await recordFact(records, { bin: HOLDING, recording: stamped, command: register(HOLDING) });
      for (let day = 1; day <= 3; day++) {
        await recordFact(records, {
          bin: HOLDING,
          recording: { ...recording, idempotency: { key: `later-${day}`, fingerprint: 'f' } },
          command: {
            type: 'CompleteAntiCorruptionTraining',
            data: { completedOn: `2025-01-0${day}`, participants: 1, staffTotal: 2 },
          },
        });
      }
      const otherCaller = {
        ...recording,
        recordedBy: { id: 'another-officer-key', role: 'officer' },
        idempotency: { key: 'k1', fingerprint: 'f2' },
      };

      // the registration again would be refused (already registered): the key answers it first
      const retry = await recordFact(records, { bin: HOLDING, recording: stamped, command: register(HOLDING) });
      const others = await recordFact(records, {
        bin: HOLDING,
        recording: otherCaller,
        command: {
          type: 'CompleteAntiCorruptionTraining',
          data: { completedOn: '2025-02-01', participants: 1, staffTotal: 2 },
        },
      });

      expect(retry).toEqual({ result: first.result, replayed: true });
      expect(others).toMatchObject({ result: { revision: 4 }, replayed: false });
      await expect(
        recordFact(records, {
          bin: HOLDING,
          recording: { ...stamped, idempotency: { key: 'k1', fingerprint: 'other body' } },
          command: register(HOLDING),
        }),
      ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    });
  });

  describe("HoldingScope: officers' scope, decided from the log at the moment of asking", () => {
    it('covers a subsidiary the moment its registration under a covered holding is recorded', async () => {
      const scope = new HoldingScope(records);
      await recordFact(records, { bin: HOLDING, recording, command: register(HOLDING) });
      expect(await scope.isWithin(SUBSIDIARY, new Set([HOLDING]))).toBe(false);

      await recordFact(records, { bin: SUBSIDIARY, recording, command: register(SUBSIDIARY, HOLDING) });

      expect(await scope.isWithin(SUBSIDIARY, new Set([HOLDING]))).toBe(true);
    });

    it('stops covering it the moment a move out is recorded, also by another process', async () => {
      const scope = new HoldingScope(records);
      for (const [bin, parent] of [[HOLDING], [OTHER_HOLDING], [SUBSIDIARY, HOLDING]] as [string, string?][]) {
        await recordFact(records, { bin, recording, command: register(bin, parent) });
      }
      expect(await scope.isWithin(SUBSIDIARY, new Set([HOLDING]))).toBe(true);

      const elsewhere = new EntityRecords(new ComplianceEventLog(store)); // another process on the same log
      await recordFact(elsewhere, { bin: SUBSIDIARY, recording, command: move(OTHER_HOLDING) });

      expect(await scope.isWithin(SUBSIDIARY, new Set([HOLDING]))).toBe(false);
      expect(await scope.isWithin(SUBSIDIARY, new Set([OTHER_HOLDING]))).toBe(true);
    });
  });
});
