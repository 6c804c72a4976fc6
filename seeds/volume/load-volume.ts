import { commandFor } from '#domain';
import { recordFacts, type EntityRecords } from '#write-side';
import { SEED_RECORDER } from '../load.js';
import { volume } from './volume-generator.js';

/**
 * Records a generated volume through the decider (`recordFacts`), `batch` facts of an entity
 * per atomic append, so a large volume loads quickly and still obeys every rule.
 */
export async function loadVolume(
  records: EntityRecords,
  entities: number,
  events: number,
  onProgress: (appended: number) => void = () => {},
  batch = 100,
): Promise<number> {
  let appended = 0;
  for (const entity of volume(entities, events)) {
    for (let start = 0; start < entity.events.length; start += batch) {
      const commands = entity.events.slice(start, start + batch).map(commandFor);
      appended += (await recordFacts(records, { bin: entity.bin, commands, recording: SEED_RECORDER })).results.length;
    }
    onProgress(appended);
  }
  return appended;
}
