import { SingleBar } from 'cli-progress';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ComplianceEventLog } from '#event-log';
import { rebuildReadModels, type RebuildReport } from '#projections';
import type { AppConfig } from '../config/app-config.js';
import { eventCount, openEventStore } from '../event-store/open-event-store.js';
import { READ_MODELS_FILE } from '../read-side/read-side.module.js';
import { consoleLogger } from './console-logger.js';
import type { TreeRebuild } from './transparency/tree-rebuild.js';

/** A rebuild of the read models and of the log's tree; `seconds` is the whole, both done. */
export interface CliRebuildReport extends RebuildReport {
  readonly tree: TreeRebuild;
}

/**
 * Drops the read models and replays the whole log into new ones, through the projection
 * runner and read models the service runs (libs/projections), with a progress bar; meanwhile,
 * on another thread, builds the log's Merkle tree anew (see `rebuildTree`).
 */
export async function rebuild(config: AppConfig, options: { progress?: boolean } = {}): Promise<CliRebuildReport> {
  const started = performance.now();
  const tree = treeRebuiltInWorker();
  tree.catch(() => undefined); // awaited below, after the read models
  const readModels = await rebuildReadModelsOf(config, options);
  return { ...readModels, tree: await tree, seconds: (performance.now() - started) / 1000 };
}

function treeRebuiltInWorker(): Promise<TreeRebuild> {
  const worker = new Worker(new URL('./transparency/tree-rebuild.worker.js', import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { ok: boolean; result?: TreeRebuild; error?: string }) =>
      message.ok
        ? resolve(message.result as TreeRebuild)
        : reject(new Error(`The tree's rebuild failed: ${message.error}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The tree's rebuild stopped (exit code ${code})`)));
  });
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
