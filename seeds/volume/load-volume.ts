import type { ComplianceEventLog } from '#event-log';
import { SEED_RECORDER } from '../load.js';
import { volume } from './volume-generator.js';

/** Appends a generated volume in batches of `batch` events per entity, hash-chained as usual. */
export async function loadVolume(
  log: ComplianceEventLog,
  entities: number,
  events: number,
  onProgress: (appended: number) => void = () => {},
  batch = 100,
): Promise<number> {
  let appended = 0;
  for (const entity of volume(entities, events)) {
    let stream = await log.load(entity.bin);
    for (let start = 0; start < entity.events.length; start += batch) {
      const slice = entity.events.slice(start, start + batch);
      await log.append(stream, slice, SEED_RECORDER);
      appended += slice.length;
      stream = await log.loadTail(entity.bin);
    }
    onProgress(appended);
  }
  return appended;
}
