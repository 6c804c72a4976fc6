import { entityStreamId } from '#event-log';
import type { EventStore, Position } from '#event-store';
import { exportLine, type ExportedLeaf } from '../stored-event.view.js';

const PAGE = 1000;

/** The log's tree, as an export of the service places each event in it. */
export interface ExportTree {
  /** The export is of the log as it stood at this many events. */
  readonly size: number;
  leafIndexOf(eventId: string): number | undefined;
  /** With a tree size asked: the inclusion proof of a leaf, base64 hashes. */
  readonly proofOf?: (leafIndex: number) => string[];
}

/**
 * The log (or one entity's stream) as NDJSON lines, read page by page, so an export of any
 * size holds one page in memory. Shared by the HTTP export and the CLI. With a tree (the
 * service's), the export is of the log's first `tree.size` events, each with its leaf index, and
 * an entity's events with their inclusion proofs when asked.
 */
export async function* exportLines(store: EventStore, bin?: string, tree?: ExportTree): AsyncGenerator<string> {
  if (bin !== undefined) {
    for (let fromRevision = 0; ; fromRevision += PAGE) {
      const page = await store.readStream(entityStreamId(bin), { fromRevision, maxCount: PAGE });
      for (const event of page) {
        if (tree === undefined) {
          yield exportLine(event);
          continue;
        }
        const leafIndex = tree.leafIndexOf(event.eventId);
        if (leafIndex === undefined || leafIndex >= tree.size) return; // later than the tree exported
        const proof: ExportedLeaf | undefined = tree.proofOf && {
          leafIndex,
          treeSize: tree.size,
          inclusionProof: tree.proofOf(leafIndex),
        };
        yield exportLine(event, proof ?? { leafIndex });
      }
      if (page.length < PAGE) return;
    }
  }
  let leafIndex = 0;
  for (let after: Position | undefined; ;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    for (const event of page) {
      if (tree !== undefined && leafIndex >= tree.size) return;
      yield exportLine(event, tree && { leafIndex });
      leafIndex++;
    }
    if (page.length < PAGE) return;
    after = page[page.length - 1].position;
  }
}
