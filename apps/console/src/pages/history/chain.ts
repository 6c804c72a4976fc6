import canonicalize from 'canonicalize';
import type { ApiSchema } from '#api-contract';

type StoredEvent = ApiSchema<'StoredEvent'>;

export interface ChainVerdict {
  readonly valid: boolean;
  readonly checkedEvents: number;
  readonly firstBrokenRevision: number | null;
}

const GENESIS_HASH = '0'.repeat(64);

/**
 * The canonical JSON (RFC 8785) of an event as the store holds it, rebuilt from the history's
 * view of it (which lifts `recordedAt`, `prevHash` and `hash` out of the metadata): without its
 * own hash, what the chain's hash covers; with it, the transparency tree's leaf (docs/EVENTS.md).
 */
export function canonicalStoredEvent(streamId: string, event: StoredEvent, withHash: boolean): string | undefined {
  const metadata = {
    ...event.metadata,
    recordedAt: event.recordedAt,
    prevHash: event.prevHash,
    ...(withHash ? { hash: event.hash } : {}),
  };
  return canonicalize({
    streamId,
    revision: event.revision,
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata,
  });
}

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
    const canonical = canonicalStoredEvent(streamId, event, false);
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
