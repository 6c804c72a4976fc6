import type { RecordedEvent } from '#event-store';
import { GENESIS_HASH, hashEvent, type ChainVerdict } from './hash-chain.js';
import type { EventMetadata } from './event-metadata.js';

/**
 * Verifies the hash chains of many streams in one pass over the log (or an export), in
 * position order: each stream's events arrive in revision order, so only its expected
 * revision and last hash are kept.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, { next: number; prevHash: string; broken: number | null }>();

  add(event: RecordedEvent): void {
    const stream = this.streams.get(event.streamId) ?? { next: 0, prevHash: GENESIS_HASH, broken: null };
    this.streams.set(event.streamId, stream);
    if (stream.broken !== null) return;
    const metadata = event.metadata as Partial<EventMetadata> | undefined;
    if (event.revision !== stream.next || metadata?.prevHash !== stream.prevHash || !hashMatches(event, metadata)) {
      stream.broken = stream.next;
      return;
    }
    stream.prevHash = metadata.hash as string;
    stream.next++;
  }

  /** The verdict of each stream seen. */
  verdicts(): Map<string, ChainVerdict> {
    return new Map(
      [...this.streams].map(([streamId, s]) => [
        streamId,
        s.broken === null
          ? { valid: true, checkedEvents: s.next, firstBrokenRevision: null }
          : { valid: false, checkedEvents: s.broken + 1, firstBrokenRevision: s.broken },
      ]),
    );
  }
}

function hashMatches(event: RecordedEvent, metadata: Partial<EventMetadata>): boolean {
  const { hash, ...unhashed } = metadata;
  if (typeof hash !== 'string') return false;
  try {
    return hash === hashEvent({ ...event, metadata: unhashed as Omit<EventMetadata, 'hash'> });
  } catch {
    return false;
  }
}

/**
 * Recomputes the chain of one stream's events, read as stored (never upcast) in revision
 * order. Catches an event altered in place (its hash no longer matches), deleted or
 * reordered (the revisions skip, or the next event's prevHash no longer matches).
 */
export function verifyChain(events: Iterable<RecordedEvent>): ChainVerdict {
  const verifier = new ChainVerifier();
  let streamId: string | undefined;
  for (const event of events) {
    streamId ??= event.streamId;
    verifier.add(event);
  }
  return (
    (streamId && verifier.verdicts().get(streamId)) || { valid: true, checkedEvents: 0, firstBrokenRevision: null }
  );
}
