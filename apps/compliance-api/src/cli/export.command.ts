import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppConfig } from '../config/app-config.js';
import { exportLines } from '../queries/audit-export/export-lines.js';
import { openEventStore } from '../event-store/open-event-store.js';

/** Writes the log (or one entity's stream) as NDJSON, the format `verify --file` checks. */
export async function exportEvents(config: AppConfig, out: Writable, bin?: string): Promise<number> {
  const store = await openEventStore(config);
  let written = 0;
  async function* counted(): AsyncGenerator<string> {
    for await (const line of exportLines(store, bin)) {
      written++;
      yield line;
    }
  }
  try {
    await pipeline(Readable.from(counted()), out, { end: out !== process.stdout });
  } finally {
    await store.close();
  }
  return written;
}
