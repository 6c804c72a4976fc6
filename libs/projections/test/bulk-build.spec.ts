import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHODOLOGY_V1, type ComplianceEvent } from '#domain';
import { ComplianceEventLog } from '#event-log';
import { SqliteEventStore } from '#event-store/sqlite';
import { ProjectionRunner, ReadModels, verifyReadModels } from '#projections';
import {
  giftBanViolation,
  headAppointed,
  HOLDING,
  offenceConvicted,
  registered,
  service,
  SUBSIDIARY,
  training,
} from './support/projection-spec.js';

const quiet = { log: () => {}, error: () => {} };
const THIRD = '180340021791';
/** An entity no one convicted ever held office at. */
const UNTOUCHED = '990840000012';
const ENTITIES = [SUBSIDIARY, UNTOUCHED, THIRD, HOLDING];
const recording = { recordedBy: { id: 'k', role: 'officer' }, correlationId: 'c', causationId: 'r' };

/**
 * A bulk build (a rebuild) rates each entity as its history leaves memory, from that history,
 * instead of reading every entity back once caught up. Memory here holds five events and a page
 * three, so entities leave it mid-build: one whose events are all in, one before a conviction
 * elsewhere changes its view, one with an event of the same page not yet in the history that
 * left. The file must still be what the log gives.
 */
describe('a bulk build that rates entities as they leave memory', () => {
  let dir: string;
  let store: SqliteEventStore;
  let log: ComplianceEventLog;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-build-'));
    store = SqliteEventStore.open({ filename: join(dir, 'events.db') });
    log = new ComplianceEventLog(store);
    const append = async (bin: string, events: ComplianceEvent[]) => {
      for (const event of events) await log.append(await log.loadTail(bin), [event], recording);
    };
    // the subsidiary's head is convicted at the holding after the subsidiary's events are all in
    await append(SUBSIDIARY, [
      registered(SUBSIDIARY),
      headAppointed('2024-06-01'),
      service('2020-01-01'),
      training('2024-05-01'),
    ]);
    await append(UNTOUCHED, [registered(UNTOUCHED), training('2024-05-01')]);
    await append(THIRD, [registered(THIRD), service('2021-01-01'), giftBanViolation('2024-02-01')]);
    await append(HOLDING, [
      registered(HOLDING),
      ...offenceConvicted({ position: 'clerk', registeredOn: '2024-01-01', convictedOn: '2024-03-01' }),
      training('2024-09-01'),
    ]);
    await append(THIRD, [training('2025-01-10')]); // a later event of an entity that left memory
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Builds the read models; answers the entities rated before the rating once caught up, and every view after it. */
  const build = async (file: string, options: { bulk?: boolean; cachedEvents?: number }) => {
    const readModels = ReadModels.open(file, log, METHODOLOGY_V1, quiet, options);
    const pages = { checkpoint: () => readModels.checkpoint(), apply: readModels.apply.bind(readModels) };
    await new ProjectionRunner(store, pages, { catchUpBatch: 3, liveBatchMs: 0, logger: quiet }).catchUp();
    const ratedAsTheyWent = ENTITIES.filter((bin) => readModels.ratings.stored(bin) !== undefined);
    await readModels.caughtUp();
    const views = ENTITIES.map((bin) => {
      const stored = readModels.ratings.stored(bin);
      const view = stored && (JSON.parse(stored.view) as { rating: unknown; flags: { code: string }[] });
      return { bin, rating: view?.rating, flags: view?.flags.map((flag) => flag.code) };
    });
    await readModels.close();
    return { ratedAsTheyWent, views };
  };

  it('leaves read models that verify against the log, rated as a build that kept every entity in memory', async () => {
    const bulk = await build(join(dir, 'bulk.db'), { bulk: true, cachedEvents: 5 });
    const kept = await build(join(dir, 'kept.db'), {});

    const verdict = await verifyReadModels(store, log, join(dir, 'bulk.db'), METHODOLOGY_V1, quiet);
    expect(verdict.differences).toEqual([]);
    expect(bulk.views).toEqual(kept.views);
    // rated from its history as it left memory, not read back; the others were due again after
    expect(bulk.ratedAsTheyWent).toEqual([UNTOUCHED]);
    expect(kept.ratedAsTheyWent).toEqual([]);
    // the conviction that arrived after the subsidiary left memory is in its rating
    expect(bulk.views.find((view) => view.bin === SUBSIDIARY)?.flags).toContain('LIFETIME_BAN_BREACH');
  });
});
