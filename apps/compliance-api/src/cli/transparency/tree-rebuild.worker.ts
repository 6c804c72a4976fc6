import { parentPort, workerData } from 'node:worker_threads';
import { openEventStore } from '../../event-store/open-event-store.js';
import { rebuildTree, type TreeRebuildOutcome, type TreeRebuildTask } from './tree-rebuild.js';

/** The tree's rebuild on a thread of its own (see `startTreeRebuild`). */
const task = workerData as TreeRebuildTask;
const store = await openEventStore(task.store);
let outcome: TreeRebuildOutcome;
try {
  outcome = { ok: true, rebuild: await rebuildTree(store, task.localDir) };
} catch (error) {
  outcome = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
} finally {
  await store.close();
}
parentPort?.postMessage(outcome);
