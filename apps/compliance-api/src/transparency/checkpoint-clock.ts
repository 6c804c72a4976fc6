import { InconsistentTreeError, type KeptCheckpoint, type TransparencyLog } from '#transparency';
import type { Logger } from '#projections';

/**
 * Signs a checkpoint when new events reach the tree: at once after a quiet spell, then at most
 * once every `intervalMs`, so a busy log is checkpointed every interval and an idle one never.
 */
export class CheckpointClock {
  private timer?: NodeJS.Timeout;
  private lastMade = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly log: TransparencyLog,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** New leaves arrived: a checkpoint is due, now or when the interval since the last has passed. */
  grew(): void {
    if (this.timer !== undefined || this.stopped) return;
    const wait = Math.max(0, this.lastMade + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.make();
    }, wait).unref();
  }

  /** Signs one now if the tree grew (on demand, or at start-up); answers the latest. */
  make(): KeptCheckpoint | undefined {
    try {
      const before = this.log.checkpoints.latest()?.size;
      const kept = this.log.checkpoint();
      if (kept.size !== before) this.lastMade = Date.now();
      return kept;
    } catch (error) {
      if (!(error instanceof InconsistentTreeError)) throw error;
      // never signed over: an operator must look (verify --checkpoint names what changed)
      this.logger.error(
        `No checkpoint signed: ${error.message}. The log was rewritten, or its tree rebuilt from a rewritten log`,
      );
      return this.log.checkpoints.latest();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
