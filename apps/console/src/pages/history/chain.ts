import canonicalize from 'canonicalize';
import type { ApiSchema } from '#api-contract';

type StoredEvent = ApiSchema<'StoredEvent'>;

export interface ChainVerdict {
  readonly valid: boolean;
  readonly checkedEvents: number;
  readonly firstBrokenRevision: number | null;
}

const GENESIS_HASH = '0'.repeat(64);

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * An entity's hash chain recomputed here, from its events as the history gives them, by the
 * documented construction (docs/EVENTS.md): `sha256(prevHash + JCS({ streamId, revision, eventId,
 * type, data, metadata without hash }))`, with the browser's own SHA-256 (WebCrypto) and canonical
 * JSON (RFC 8785), so an auditor need not take the server's word for it.
 */
export async function verifyChainHere(streamId: string, events: readonly StoredEvent[]): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  for (let next = 0; next < events.length; next++) {
    const event = events[next];
    const metadata = { ...event.metadata, recordedAt: event.recordedAt, prevHash: event.prevHash };
    const canonical = canonicalize({
      streamId,
      revision: event.revision,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata,
    });
    const intact =
      event.revision === next &&
      event.prevHash === prevHash &&
      canonical !== undefined &&
      (await sha256Hex(prevHash + canonical)) === event.hash;
    if (!intact) return { valid: false, checkedEvents: next + 1, firstBrokenRevision: next };
    prevHash = event.hash;
  }
  return { valid: true, checkedEvents: events.length, firstBrokenRevision: null };
}
