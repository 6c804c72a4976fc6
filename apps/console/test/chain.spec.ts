import { describe, expect, it } from '@jest/globals';
import { ComplianceEventLog, entityStreamId, verifyChain } from '#event-log';
import { SqliteEventStore } from '#event-store/sqlite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedEventView } from '../../compliance-api/src/queries/stored-event.view';
import { verifyChainHere } from '../src/pages/history/chain';

/**
 * The console's own chain check (WebCrypto and canonicalize, as a browser runs it) against the
 * service's verifier, on events written by the service's own log.
 */
describe('the hash chain, recomputed as the browser does', () => {
  it('agrees with the service on an intact history, and finds the same first broken revision', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-chain-'));
    const store = SqliteEventStore.open({ filename: join(dir, 'events.db') });
    try {
      const log = new ComplianceEventLog(store);
      const bin = '081140000436';
      const recording = { recordedBy: { id: 'test', role: 'officer' as const }, correlationId: 'c', causationId: 'c' };
      await log.append(
        await log.load(bin),
        [
          { type: 'EntityRegistered', data: { bin, name: 'Кедендік «Тест» ЖШС', stateSharePercent: 100 } },
          {
            type: 'AntiCorruptionTrainingCompleted',
            data: { completedOn: '2025-01-01', participants: 3, staffTotal: 10, programme: 'Адалдық 🌿' },
          },
          {
            type: 'CorruptionRiskAnalysisCompleted',
            data: { period: '2025', completedOn: '2025-02-01', risksFound: 2, publicCouncilInvolved: true },
          },
        ],
        recording,
      );
      const stored = await store.readStream(entityStreamId(bin));
      const events = stored.map(storedEventView);

      expect(await verifyChainHere(entityStreamId(bin), events as never)).toEqual(verifyChain(stored));
      expect(verifyChain(stored).valid).toBe(true);

      const edited = events.map((event, i) =>
        i === 1 ? { ...event, data: { ...(event.data as object), participants: 30 } } : event,
      );
      expect(await verifyChainHere(entityStreamId(bin), edited as never)).toEqual({
        valid: false,
        checkedEvents: 2,
        firstBrokenRevision: 1,
      });
      const removed = [events[0], events[2]];
      expect((await verifyChainHere(entityStreamId(bin), removed as never)).firstBrokenRevision).toBe(1);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
