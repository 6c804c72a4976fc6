import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Methodology } from '#domain';
import type { ComplianceEventLog } from '#event-log';
import type { EventStore, Position } from '#event-store';
import { ReadModels } from '../read-models/read-models.js';
import { ProjectionRunner, type Logger } from '../runner/projection-runner.js';

/** Events applied in one transaction of a rebuild. */
export const REBUILD_BATCH = 5000;

export interface RebuildReport {
  readonly events: number;
  /** Entities rated (each with its register view) after the events were applied. */
  readonly entities: number;
  /** The whole rebuild, from the first read to the new file in place. */
  readonly seconds: number;
  /** The part of `seconds` spent rating. */
  readonly ratingSeconds: number;
}

export interface RebuildOptions {
  /** Called with the events applied so far, after every batch. */
  readonly onProgress?: (events: number) => void;
  /** Build only up to this position (inclusive), and keep the file where it is built. */
  readonly until?: Position;
}

/**
 * Builds the read models from the whole log into `building`, through the same projection
 * runner and models the service uses, in a file written without a journal (thrown away unless
 * complete) and made durable and WAL at the end.
 */
export async function buildReadModels(
  store: EventStore,
  log: ComplianceEventLog,
  building: string,
  methodology: Methodology,
  logger: Logger,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  removeDatabase(building);
  const started = performance.now();
  const readModels = ReadModels.open(building, log, methodology, logger, { bulk: true });
  let applied = 0;
  let ratingSeconds = 0;
  const runner = new ProjectionRunner(
    store,
    {
      checkpoint: () => readModels.checkpoint(),
      apply: (events) => readModels.apply(events),
      caughtUp: async () => {
        const ratingStarted = performance.now();
        await readModels.caughtUp();
        ratingSeconds = (performance.now() - ratingStarted) / 1000;
      },
    },
    {
      catchUpBatch: REBUILD_BATCH,
      liveBatchMs: 0,
      logger,
      onApplied: (_, events) => {
        applied += events;
        options.onProgress?.(applied);
      },
    },
  );
  let entities = 0;
  try {
    await runner.catchUp(options.until);
    entities = (readModels.database.db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
    readModels.database.finishBulk();
  } finally {
    await readModels.close();
  }
  syncFile(building); // built without a journal or syncs: on disk before it is used
  return { events: applied, entities, seconds: (performance.now() - started) / 1000, ratingSeconds };
}

/**
 * Drops the read models and replays the whole log into new ones, moved into place only when
 * complete: a rebuild that is interrupted (even by kill -9) leaves the previous read models
 * untouched. Stop the service first, or restart it after: a running service keeps the file it
 * opened.
 */
export async function rebuildReadModels(
  store: EventStore,
  log: ComplianceEventLog,
  target: string,
  methodology: Methodology,
  logger: Logger,
  options: Omit<RebuildOptions, 'until'> = {},
): Promise<RebuildReport> {
  const started = performance.now();
  const building = `${target}.rebuild`;
  const report = await buildReadModels(store, log, building, methodology, logger, options);
  // the old file's write-ahead log must not outlive it: SQLite would replay it into the new
  // file. Without it the old file is still a consistent, older state, should we stop here.
  for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
  renameSync(building, target); // atomic replacement
  syncFile(dirname(target)); // the rename itself
  return { ...report, seconds: (performance.now() - started) / 1000 };
}

export function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** fsync a file, or a folder (after a rename in it). */
export function syncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
