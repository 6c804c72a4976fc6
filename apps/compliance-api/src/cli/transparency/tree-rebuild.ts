import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '#event-store';
import type { TreeRebuild } from './tree-file-rebuild.js';

export type { TreeRebuild } from './tree-file-rebuild.js';

/** What the rebuild sends the tree's thread: the log's pages in order, then how it ends. */
export type TreeRebuildInput =
  { readonly kind: 'page'; readonly events: readonly RecordedEvent[] } | { readonly kind: 'finish' | 'abandon' };

export type TreeRebuildOutcome =
  { readonly ok: true; readonly result?: TreeRebuild } | { readonly ok: false; readonly error: string };

/** Pages handed to the tree's thread and not yet applied before the reader waits for it. */
const PAGES_IN_FLIGHT = 4;
/** How long a page may take the tree's thread before it counts as dead. */
const SILENCE_MS = 60_000;

/**
 * The log's tree rebuilt beside the read models, on a worker thread (tree-rebuild.worker.ts)
 * fed the same pages: the log is read once, and the tree's hashing and writes run on the other
 * core. The reader waits when the tree falls `PAGES_IN_FLIGHT` pages behind, so memory stays
 * bounded however long the log.
 */
export class TreeRebuilding {
  private pagesSent = 0;
  private stopped?: string;

  private constructor(
    private readonly worker: Worker,
    private readonly pagesDone: Int32Array,
  ) {
    worker.once('error', (error) => (this.stopped ??= error.message));
    worker.once('exit', (code) => (this.stopped ??= `exit code ${code}`));
  }

  static start(localDir: string): TreeRebuilding {
    const pagesDone = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./tree-rebuild.worker.js', import.meta.url), {
      workerData: { localDir, pagesDone },
    });
    return new TreeRebuilding(worker, pagesDone);
  }

  apply(events: readonly RecordedEvent[]): void {
    if (this.stopped !== undefined) throw new Error(`The tree's rebuild stopped: ${this.stopped}`);
    this.worker.postMessage({ kind: 'page', events } satisfies TreeRebuildInput);
    this.pagesSent++;
    // blocking is what a reader ahead of the tree should do: the rebuild has nothing else to run
    let done = Atomics.load(this.pagesDone, 0);
    let waited = 0;
    while (this.pagesSent - done > PAGES_IN_FLIGHT) {
      // a thread that died cannot say so while this one waits: no progress for long is its death
      if (waited >= SILENCE_MS) throw new Error(`The tree's rebuild made no progress for ${SILENCE_MS / 1000} s`);
      const before = done;
      Atomics.wait(this.pagesDone, 0, done, 1000);
      done = Atomics.load(this.pagesDone, 0);
      waited = done === before ? waited + 1000 : 0;
    }
  }

  /** Puts the tree in place (unless it contradicts the last checkpoint); answers what was done. */
  async finish(): Promise<TreeRebuild> {
    const outcome = await this.end('finish');
    if (!outcome.ok) throw new Error(`The tree's rebuild failed: ${outcome.error}`);
    if (outcome.result === undefined) throw new Error("The tree's rebuild answered nothing");
    return outcome.result;
  }

  /** A rebuild that failed: the file being built is thrown away. */
  async abandon(): Promise<void> {
    await this.end('abandon');
  }

  private async end(kind: 'finish' | 'abandon'): Promise<TreeRebuildOutcome> {
    const answered = once(this.worker, 'message') as Promise<[TreeRebuildOutcome]>;
    const stopped = once(this.worker, 'exit').then(([code]: unknown[]) => {
      throw new Error(`The tree's rebuild stopped before answering (exit code ${String(code)})`);
    });
    this.worker.postMessage({ kind } satisfies TreeRebuildInput);
    try {
      const [outcome] = await Promise.race([answered, stopped]);
      return outcome;
    } finally {
      await this.worker.terminate();
    }
  }
}
