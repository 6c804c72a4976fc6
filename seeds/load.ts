import { decide, replay, RuleViolation, type ComplianceCommand } from '#domain';
import type { ComplianceEventLog, RecordingContext } from '#event-log';

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
 * Records entities' commands through the same decider the API uses, so seed data obeys every
 * rule; an entity already in the store is skipped (seeding twice adds nothing).
 */
export async function loadEntities(
  log: ComplianceEventLog,
  entities: readonly { readonly bin: string; readonly commands: readonly ComplianceCommand[] }[],
): Promise<LoadReport> {
  let recorded = 0;
  const refused: { bin: string; type: string; rule: string }[] = [];
  for (const { bin, commands } of entities) {
    let stream = await log.load(bin);
    if (stream.revision !== 'no_stream') continue;
    for (const command of commands) {
      const decision = decide(command, replay(stream.events.map((e) => e.event)));
      if (decision instanceof RuleViolation) {
        refused.push({ bin, type: command.type, rule: decision.rule });
        continue;
      }
      await log.append(stream, decision, SEED_RECORDER);
      stream = await log.load(bin);
      recorded += decision.length;
    }
  }
  return { recorded, refused };
}
