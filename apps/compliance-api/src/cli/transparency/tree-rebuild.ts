import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EventStore, Position } from '#event-store';
import { CheckpointsFile, MerkleTreeFile, parseCheckpointText, parseNote } from '#transparency';
import { CHECKPOINTS_FILE, TREE_FILE } from '../../transparency/transparency.tokens.js';

/** Events per transaction of a tree rebuild. */
const BATCH = 5000;

export interface TreeRebuild {
  readonly leaves: number;
  readonly seconds: number;
  /** Why the rebuilt tree was not put in place: it does not extend the last checkpoint the log signed. */
  readonly refused?: string;
}

/**
 * Builds the log's tree anew from the whole log, beside the current one, and moves it into place
 * only if it extends the last checkpoint signed: a tree rebuilt from a rewritten log never
 * replaces the one that names what the checkpoints signed (verify --checkpoint reads it).
 */
export async function rebuildTree(store: EventStore, localDir: string): Promise<TreeRebuild> {
  const started = performance.now();
  const target = join(localDir, TREE_FILE);
  const building = `${target}.rebuild`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const tree = MerkleTreeFile.open(building, { bulk: true });
  let refused: string | undefined;
  let leaves = 0;
  try {
    for (let after: Position | undefined; ;) {
      const page = await store.readAll({ after, maxCount: BATCH });
      tree.apply(page);
      if (page.length < BATCH) break;
      after = page[page.length - 1].position;
    }
    tree.finishBulk();
    leaves = tree.size;
    refused = disagreement(tree, join(localDir, CHECKPOINTS_FILE));
  } finally {
    tree.close();
  }
  if (refused === undefined) {
    sync(building);
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    renameSync(building, target);
    sync(dirname(target));
  }
  return { leaves, seconds: (performance.now() - started) / 1000, ...(refused ? { refused } : {}) };
}

/** Whether the tree disagrees with the last checkpoint kept beside it, and how. */
function disagreement(tree: MerkleTreeFile, checkpointsFile: string): string | undefined {
  const checkpoints = CheckpointsFile.open(checkpointsFile);
  try {
    const latest = checkpoints.latest();
    if (latest === undefined) return undefined;
    const signed = parseCheckpointText(parseNote(latest.note).text);
    if (signed.size > tree.size)
      return `the log holds ${tree.size} events, fewer than the ${signed.size} of the last checkpoint`;
    if (!tree.root(signed.size).equals(signed.root)) {
      return `the log's first ${signed.size} events no longer hash to the last checkpoint's root`;
    }
    return undefined;
  } finally {
    checkpoints.close();
  }
}

function sync(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
