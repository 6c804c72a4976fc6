import { SingleBar } from 'cli-progress';
import { join } from 'node:path';
import { ComplianceEventLog } from '#event-log';
import { rebuildReadModels, type RebuildReport } from '#projections';
import type { AppConfig } from '../config/app-config.js';
import { eventCount, openEventStore } from '../event-store/open-event-store.js';
import { READ_MODELS_FILE } from '../read-side/read-side.module.js';
import { consoleLogger } from './console-logger.js';
import { startTreeRebuild, type TreeRebuild } from './transparency/tree-rebuild.js';

/** A rebuild of the read models and of the log's tree; `seconds` is the whole, both done. */
export interface CliRebuildReport extends RebuildReport {
  readonly tree: TreeRebuild;
}

/**
 * Drops the read models and replays the whole log into new ones, through the projection
 * runner and read models the service runs (libs/projections), with a progress bar; the log's
 * Merkle tree is built anew at the same time on a worker thread (see `startTreeRebuild`).
 */
export async function rebuild(config: AppConfig, options: { progress?: boolean } = {}): Promise<CliRebuildReport> {
  const started = performance.now();
  const { eventStoreConnectionString, postgres, dataDir, sqliteSynchronous } = config;
  const tree = startTreeRebuild({
    store: { eventStoreConnectionString, postgres, dataDir, sqliteSynchronous },
    localDir: config.localDir,
  });
  let readModels: RebuildReport;
  try {
    readModels = await rebuildReadModelsOf(config, options);
  } catch (error) {
    await tree.stop();
    throw error;
  }
  return { ...readModels, tree: await tree.done, seconds: (performance.now() - started) / 1000 };
}

async function rebuildReadModelsOf(config: AppConfig, options: { progress?: boolean }): Promise<RebuildReport> {
  const store = await openEventStore(config);
  const total = eventCount(store) ?? 0;
  const bar = options.progress
    ? new SingleBar({
        format: 'rebuild [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
        etaBuffer: 50,
      })
    : undefined;
  const started = performance.now();
  bar?.start(total, 0, { speed: 0 });
  try {
    return await rebuildReadModels(
      store,
      new ComplianceEventLog(store),
      join(config.localDir, READ_MODELS_FILE),
      config.methodology,
      consoleLogger(options.progress ? 'quiet' : 'errors'),
      {
        onProgress: (applied) =>
          bar?.update(applied, { speed: Math.round(applied / ((performance.now() - started) / 1000)) }),
      },
    );
  } finally {
    bar?.stop();
    await store.close();
  }
}
