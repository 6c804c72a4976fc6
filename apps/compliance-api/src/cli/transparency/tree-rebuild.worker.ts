import { parentPort } from 'node:worker_threads';
import { loadConfig } from '../../config/app-config.js';
import { openEventStore } from '../../event-store/open-event-store.js';
import { rebuildTree } from './tree-rebuild.js';

/**
 * The tree's rebuild in a thread of its own, reading the log on its own connection, so that it
 * runs beside the read models' rebuild on another core instead of after it.
 */
const config = loadConfig(process.env);
const store = await openEventStore(config);
try {
  parentPort?.postMessage({ ok: true, result: await rebuildTree(store, config.localDir) });
} catch (error) {
  parentPort?.postMessage({
    ok: false,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
} finally {
  await store.close();
}
