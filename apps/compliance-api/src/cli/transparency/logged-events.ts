import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { EventStore, Position, RecordedEvent } from '#event-store';

const PAGE = 2000;

/** The whole log in order, page by page. */
export async function* logEvents(store: EventStore): AsyncGenerator<RecordedEvent> {
  for (let after: Position | undefined; ;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    yield* page;
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}

/** An export's lines (NDJSON), in the order written. */
export async function* exportedEvents<T = RecordedEvent>(file: string): AsyncGenerator<T> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield JSON.parse(line) as T;
}
