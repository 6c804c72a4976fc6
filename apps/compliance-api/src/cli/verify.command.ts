import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { ChainVerifier, ComplianceEventLog, type ChainVerdict } from '#event-log';
import type { EventStore, Position, RecordedEvent } from '#event-store';
import { QuarantineRegister, verifyReadModels, type Quarantine, type ReadModelVerdict } from '#projections';
import type { AppConfig } from '../config/app-config.js';
import { openEventStore } from '../event-store/open-event-store.js';
import { READ_MODELS_FILE } from '../read-side/read-side.module.js';
import { consoleLogger } from './console-logger.js';

export interface Verification {
  /** Every stream's hash chain. */
  readonly chains: Map<string, ChainVerdict>;
  /** Entities the read models set aside because the log handed them what an intact log cannot hold. */
  readonly quarantined: readonly Quarantine[];
  /** With `readModels`: the read models derived again from the log, compared row for row. */
  readonly readModels?: ReadModelVerdict;
}

/**
 * Every stream's hash chain, from the store or from an NDJSON export (offline); with the store,
 * also what this process's read models found the log to have lost, and (`readModels`) whether
 * the read models are exactly what the log derives.
 */
export async function verify(
  config: AppConfig,
  options: { file?: string; readModels?: boolean } = {},
): Promise<Verification> {
  const verifier = new ChainVerifier();
  if (options.file !== undefined) {
    const lines = createInterface({ input: createReadStream(options.file), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') verifier.add(JSON.parse(line) as RecordedEvent);
    return { chains: verifier.verdicts(), quarantined: [] };
  }
  const store = await openEventStore(config);
  const readModelsFile = join(config.localDir, READ_MODELS_FILE);
  try {
    await addChains(store, verifier);
    const readModels = options.readModels
      ? await verifyReadModels(
          store,
          new ComplianceEventLog(store),
          readModelsFile,
          config.methodology,
          consoleLogger(),
        )
      : undefined;
    return { chains: verifier.verdicts(), quarantined: quarantinedIn(readModelsFile), readModels };
  } finally {
    await store.close();
  }
}

async function addChains(store: EventStore, verifier: ChainVerifier): Promise<void> {
  for (let after: Position | undefined; ;) {
    const page = await store.readAll({ after, maxCount: 2000 });
    page.forEach((event) => verifier.add(event));
    if (page.length < 2000) return;
    after = page[page.length - 1].position;
  }
}

/** The entities set aside in the read models file, if there is one. */
function quarantinedIn(file: string): Quarantine[] {
  if (!existsSync(file)) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'quarantine'").get();
    return table === undefined ? [] : new QuarantineRegister(db).all();
  } finally {
    db.close();
  }
}
