import { SingleBar } from 'cli-progress';
import { ComplianceEventLog } from '#event-log';
import { EntityRecords } from '#write-side';
import { demoDataset } from '../../../../seeds/demo/demo-dataset.js';
import { loadEntities, type LoadReport } from '../../../../seeds/load.js';
import { loadVolume } from '../../../../seeds/volume/load-volume.js';
import type { AppConfig } from '../config/app-config.js';
import { openEventStore } from '../event-store/open-event-store.js';

/** The demo register: a few dozen entities with 2019-2025 histories, through the domain's rules. */
export async function seedDemo(config: AppConfig): Promise<LoadReport> {
  const store = await openEventStore(config);
  try {
    return await loadEntities(new EntityRecords(new ComplianceEventLog(store)), demoDataset());
  } finally {
    await store.close();
  }
}

/** A large generated volume, for benchmarks. */
export async function seedVolume(
  config: AppConfig,
  entities: number,
  events: number,
  progress: boolean,
): Promise<number> {
  const store = await openEventStore(config);
  const bar = progress
    ? new SingleBar({ format: 'seed [{bar}] {percentage}% | {value}/{total} events | ETA {eta_formatted}' })
    : undefined;
  bar?.start(events, 0);
  try {
    return await loadVolume(new EntityRecords(new ComplianceEventLog(store)), entities, events, (appended) =>
      bar?.update(appended),
    );
  } finally {
    bar?.stop();
    await store.close();
  }
}
