import { renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EventStore, Position } from '#event-store';
import { removeDatabase, syncFile } from '#projections';
import { CheckpointsFile, MerkleTreeFile, parseCheckpointText, parseNote } from '#transparency';
import type { EventStoreSettings } from '../../event-store/open-event-store.js';
import { CHECKPOINTS_FILE, TREE_FILE } from '../../transparency/transparency.tokens.js';

/** Events per transaction of a tree rebuild. */
const PAGE = 5000;

export interface TreeRebuild {
  readonly leaves: number;
  readonly seconds: number;
  /** Why the rebuilt tree was not put in place: it does not extend the last checkpoint the log signed. */
  readonly refused?: string;
}

/** What the tree's worker thread is given: the store to read and the folder of the tree's file. */
export interface TreeRebuildTask {
  readonly store: EventStoreSettings;
  readonly localDir: string;
}

export type TreeRebuildOutcome =
  { readonly ok: true; readonly rebuild: TreeRebuild } | { readonly ok: false; readonly error: string };

/**
 * The tree's rebuild on a worker thread reading the log on a connection of its own, so that it
 * runs on the other core while the read models are rebuilt on this one (it has its own
 * checkpoint, so the two need not read the same pages). Resolves with what it did; `stop`
 * ends it early and throws away what it built.
 */
export function startTreeRebuild(task: TreeRebuildTask): { done: Promise<TreeRebuild>; stop: () => Promise<void> } {
  const worker = new Worker(new URL('./tree-rebuild.worker.js', import.meta.url), { workerData: task });
  const done = new Promise<TreeRebuild>((resolve, reject) => {
    worker.once('message', (outcome: TreeRebuildOutcome) =>
      outcome.ok ? resolve(outcome.rebuild) : reject(new Error(`The log's tree was not rebuilt: ${outcome.error}`)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The tree's rebuild stopped (exit code ${code})`)));
  });
  // awaited only once the read models are done: a failure before then must wait for that, not crash
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      await worker.terminate();
      removeDatabase(buildingFile(task.localDir));
    },
  };
}

/**
 * Builds the log's tree anew from the whole log, beside the current file, and moves it into
 * place only if it extends the last checkpoint signed: a tree rebuilt from a rewritten log never
 * replaces the one that names what the checkpoints signed (verify --checkpoint reads it).
 */
export async function rebuildTree(store: EventStore, localDir: string): Promise<TreeRebuild> {
  const started = performance.now();
  const target = join(localDir, TREE_FILE);
  const building = buildingFile(localDir);
  removeDatabase(building);
  const tree = MerkleTreeFile.open(building, { bulk: true });
  let refused: string | undefined;
  let leaves = 0;
  try {
    for (let after: Position | undefined; ;) {
      const page = await store.readAll({ after, maxCount: PAGE });
      tree.apply(page);
      if (page.length < PAGE) break;
      after = page[page.length - 1].position;
    }
    tree.finishBulk();
    leaves = tree.size;
    refused = disagreement(tree, join(localDir, CHECKPOINTS_FILE));
  } finally {
    tree.close();
  }
  if (refused === undefined) {
    syncFile(building);
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    renameSync(building, target);
    syncFile(dirname(target));
  }
  return { leaves, seconds: (performance.now() - started) / 1000, ...(refused === undefined ? {} : { refused }) };
}

function buildingFile(localDir: string): string {
  return `${join(localDir, TREE_FILE)}.rebuild`;
}

/** Whether the tree disagrees with the last checkpoint kept beside it, and how. */
function disagreement(tree: MerkleTreeFile, checkpointsFile: string): string | undefined {
  const checkpoints = CheckpointsFile.open(checkpointsFile);
  try {
    const latest = checkpoints.latest();
    if (latest === undefined) return undefined;
    const signed = parseCheckpointText(parseNote(latest.note).text);
    if (signed.size > tree.size) {
      return `the log holds ${tree.size} events, fewer than the ${signed.size} of the last checkpoint`;
    }
    if (!tree.root(signed.size).equals(signed.root)) {
      return `the log's first ${signed.size} events no longer hash to the last checkpoint's root`;
    }
    return undefined;
  } finally {
    checkpoints.close();
  }
}
