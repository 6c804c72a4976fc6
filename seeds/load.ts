import type { ComplianceCommand } from '#domain';
import type { RecordingContext } from '#event-log';
import { EntityRecords, FactRefusedError, recordFacts } from '#write-side';

export const SEED_RECORDER: RecordingContext = {
  recordedBy: { id: 'seed', role: 'admin' },
  correlationId: 'seed',
  causationId: 'seed',
};

export interface LoadReport {
  readonly recorded: number;
  /** Commands the domain refused, with the rule: a seed should have none. */
  readonly refused: readonly { readonly bin: string; readonly type: string; readonly rule: string }[];
}

/**
 * Records entities' commands one by one through `recordFact`, the path every HTTP write takes,
 * so seed data obeys every rule; an entity already in the store is skipped (seeding twice adds
 * nothing).
 */
export async function loadEntities(
  records: EntityRecords,
  entities: readonly { readonly bin: string; readonly commands: readonly ComplianceCommand[] }[],
): Promise<LoadReport> {
  let recorded = 0;
  const refused: { bin: string; type: string; rule: string }[] = [];
  for (const { bin, commands } of entities) {
    if ((await records.current(bin, { fresh: true })).stream.revision !== 'no_stream') continue;
    for (const command of commands) {
      try {
        recorded += (await recordFacts(records, { bin, commands: [command], recording: SEED_RECORDER })).results.length;
      } catch (error) {
        if (!(error instanceof FactRefusedError)) throw error;
        refused.push({ bin, type: command.type, rule: error.violation.rule });
      }
    }
  }
  return { recorded, refused };
}
