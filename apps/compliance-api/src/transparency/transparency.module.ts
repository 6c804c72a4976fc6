import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import type { EventStore } from '#event-store';
import { DEFAULT_RUNNER_OPTIONS, ProjectionRunner } from '#projections';
import { CheckpointsFile, MerkleTreeFile, TransparencyLog } from '#transparency';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.module.js';
import { EVENT_STORE } from '../event-store/event-store.module.js';
import { CheckpointClock } from './checkpoint-clock.js';
import { checkpointSigningKey } from './signing-key.js';
import { TreeReads } from './tree-reads.js';
import { TransparencyController } from './transparency.controller.js';
import { CHECKPOINTS_FILE, TREE_FILE, TREE_RUNNER } from './transparency.tokens.js';

/**
 * The transparency log in the service: the Merkle tree of the whole log in LOCAL_DIR, fed in
 * log order by a projection runner of its own (so it works on every event store), checkpoints
 * signed by the clock and on demand, and the endpoints that serve them with their proofs.
 */
@Global()
@Module({
  controllers: [TransparencyController],
  providers: [
    {
      provide: TransparencyLog,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const logger = new Logger('Transparency');
        const signer = checkpointSigningKey(config, (message) => logger.warn(message));
        return new TransparencyLog(
          MerkleTreeFile.open(join(config.localDir, TREE_FILE)),
          CheckpointsFile.open(join(config.localDir, CHECKPOINTS_FILE)),
          { origin: config.transparency.origin, signer, witnesses: config.transparency.witnesses },
        );
      },
    },
    {
      provide: TREE_RUNNER,
      inject: [EVENT_STORE, TransparencyLog],
      useFactory: (store: EventStore, log: TransparencyLog) =>
        new ProjectionRunner(store, log.tree, { ...DEFAULT_RUNNER_OPTIONS, logger: new Logger('Transparency') }),
    },
    {
      provide: CheckpointClock,
      inject: [TransparencyLog, APP_CONFIG],
      useFactory: (log: TransparencyLog, config: AppConfig) =>
        new CheckpointClock(log, config.transparency.checkpointIntervalMs, new Logger('Transparency')),
    },
    TreeReads,
  ],
  exports: [TransparencyLog, TREE_RUNNER, CheckpointClock, TreeReads],
})
export class TransparencyModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(TransparencyLog) private readonly log: TransparencyLog,
    @Inject(TREE_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(CheckpointClock) private readonly clock: CheckpointClock,
  ) {}

  onApplicationBootstrap(): void {
    this.clock.make(); // the first checkpoint of a new log (the empty tree), or of the tree as it was left
    this.runner.onApplied(() => this.clock.grew());
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.clock.stop();
    await this.runner.stop();
    this.log.tree.close();
    this.log.checkpoints.close();
  }
}
