import { entityStreamId } from '#event-log';
import type { EventStore, Position } from '#event-store';
import { exportLine } from '../stored-event.view.js';

const PAGE = 1000;

/**
 * The log (or one entity's stream) as NDJSON lines, read page by page, so an export of any
 * size holds one page in memory. Shared by the HTTP export and the CLI.
 */
export async function* exportLines(store: EventStore, bin?: string): AsyncGenerator<string> {
  if (bin !== undefined) {
    for (let fromRevision = 0; ; fromRevision += PAGE) {
      const page = await store.readStream(entityStreamId(bin), { fromRevision, maxCount: PAGE });
      for (const event of page) yield exportLine(event);
      if (page.length < PAGE) return;
    }
  }
  for (let after: Position | undefined; ;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const event of page) yield exportLine(event);
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}
