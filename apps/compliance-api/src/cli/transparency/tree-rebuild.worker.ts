import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedEvent } from '#event-store';
import { TreeFileRebuild } from './tree-file-rebuild.js';
import type { TreeRebuildInput, TreeRebuildOutcome } from './tree-rebuild.js';

/**
 * The tree's side of a rebuild, on a thread of its own: it is given the pages of the log the
 * read models are rebuilt from, so the two use both cores and the log is read once.
 */
const { localDir, pagesDone } = workerData as { localDir: string; pagesDone: Int32Array };
const port = parentPort;
if (port === null) throw new Error('tree-rebuild.worker runs as a worker thread');

const rebuild = TreeFileRebuild.start(localDir);
let failed: string | undefined;

port.on('message', (input: TreeRebuildInput) => {
  if (input.kind === 'page') {
    try {
      if (failed === undefined) rebuild.apply(input.events as RecordedEvent[]);
    } catch (error) {
      failed = error instanceof Error ? (error.stack ?? error.message) : String(error);
    }
    Atomics.add(pagesDone, 0, 1);
    Atomics.notify(pagesDone, 0);
    return;
  }
  let outcome: TreeRebuildOutcome;
  if (input.kind === 'abandon' || failed !== undefined) {
    rebuild.abandon();
    outcome = failed === undefined ? { ok: true } : { ok: false, error: failed };
  } else {
    try {
      outcome = { ok: true, result: rebuild.finish() };
    } catch (error) {
      outcome = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
  }
  port.postMessage(outcome);
  port.close();
});
