import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { ChainVerifier, type ChainVerdict } from '#event-log';
import type { Position, RecordedEvent } from '#event-store';
import type { AppConfig } from '../config/app-config.js';
import { openEventStore } from '../event-store/open-event-store.js';

/** Every stream's hash chain, from the store or from an NDJSON export (offline). */
export async function verify(config: AppConfig, exportFile?: string): Promise<Map<string, ChainVerdict>> {
  const verifier = new ChainVerifier();
  if (exportFile !== undefined) {
    const lines = createInterface({ input: createReadStream(exportFile), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') verifier.add(JSON.parse(line) as RecordedEvent);
    return verifier.verdicts();
  }
  const store = await openEventStore(config);
  try {
    for (let after: Position | undefined; ;) {
      const page = await store.readAll({ after, maxCount: 2000 });
      page.forEach((event) => verifier.add(event));
      if (page.length < 2000) break;
      after = page[page.length - 1].position;
    }
  } finally {
    await store.close();
  }
  return verifier.verdicts();
}
