import { SingleBar } from 'cli-progress';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ComplianceEventLog } from '#event-log';
import type { Position } from '#event-store';
import type { AppConfig } from '../config/app-config.js';
import { EntityProjection, entityEventsOf } from '../read-models/entity-projection.js';
import { RatingsRefresher } from '../read-models/ratings.js';
import { ReadModelDatabase } from '../read-models/read-model-database.js';
import { READ_MODELS_FILE } from '../read-models/read-models.module.js';
import { eventCount, openEventStore } from '../event-store/open-event-store.js';

export const REBUILD_PAGE = 5000;

export interface RebuildReport {
  readonly events: number;
  /** Entities rated (each with its register view) after the events were applied. */
  readonly entities: number;
  /** The whole rebuild, from the first read to the new file in place. */
  readonly seconds: number;
  /** The part of `seconds` spent rating. */
  readonly ratingSeconds: number;
}

/**
 * Drops the read models and replays the whole log into new ones. The new models are built in
 * a separate file and moved into place only when complete, so a rebuild that is interrupted
 * (even by kill -9) leaves the previous read models untouched. Stop the service first, or
 * restart it after: a running service keeps the file it opened.
 */
export async function rebuild(config: AppConfig, options: { progress?: boolean } = {}): Promise<RebuildReport> {
  const store = await openEventStore(config);
  const target = join(config.localDir, READ_MODELS_FILE);
  const building = `${target}.rebuild`;
  removeDatabase(building);
  const database = ReadModelDatabase.open(building, { bulk: true });
  const projection = new EntityProjection(database);
  const log = new ComplianceEventLog(store);
  const total = eventCount(store) ?? 0;
  const bar = options.progress
    ? new SingleBar({
        format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
        etaBuffer: 50,
      })
    : undefined;
  const started = performance.now();
  bar?.start(total, 0, { speed: 0 });
  let applied = 0;
  let rated = 0;
  let ratingSeconds = 0;
  try {
    for (let after: Position | undefined; ;) {
      const page = await store.readAll({ after, maxCount: REBUILD_PAGE });
      if (page.length === 0) break;
      after = page[page.length - 1].position;
      database.applyAndCheckpoint(EntityProjection.NAME, after, () => {
        projection.applyBatch(entityEventsOf(page, log));
      });
      applied += page.length;
      bar?.update(applied, { speed: Math.round(applied / ((performance.now() - started) / 1000)) });
      if (page.length < REBUILD_PAGE) break;
    }
    const ratingStarted = performance.now();
    // a rebuilt register is complete: every rating and view is ready before the service starts
    rated = new RatingsRefresher(database, projection, config).refreshStale(Number.MAX_SAFE_INTEGER);
    ratingSeconds = (performance.now() - ratingStarted) / 1000;
    database.finishBulk();
  } finally {
    bar?.stop();
    database.close();
    await store.close();
  }
  syncFile(building); // built without a journal or syncs: on disk before it takes the old file's place
  // the old file's write-ahead log must not outlive it: SQLite would replay it into the new
  // file. Without it the old file is still a consistent, older state, should we stop here.
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(building, target); // atomic replacement
  syncFile(dirname(target)); // the rename itself
  return { events: applied, entities: rated, seconds: (performance.now() - started) / 1000, ratingSeconds };
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) rmSync(file + suffix);
  }
}
