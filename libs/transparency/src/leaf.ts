import { canonicalJson } from '#event-log';
import { leafHash, type Hash } from './merkle/hashes.js';

/** An event as the store holds it: what a leaf of the log's tree commits to. */
export interface LoggedEventFields {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

/**
 * The leaf bytes of an event (docs/EVENTS.md): the UTF-8 of the RFC 8785 canonical JSON of
 * `{ streamId, revision, eventId, type, data, metadata }`, the metadata as stored, its entity
 * chain's `prevHash` and `hash` included. Not the position: it differs between stores, and the
 * leaf's index in the tree already says where the event is in the log.
 */
export function leafBytes({ streamId, revision, eventId, type, data, metadata }: LoggedEventFields): string {
  // the keys in canonical order: a log stored in that order is written by JSON.stringify (canonicalJson)
  return canonicalJson({ data, eventId, metadata, revision, streamId, type });
}

/** The tree's hash of an event's leaf. */
export const eventLeafHash = (event: LoggedEventFields): Hash => leafHash(leafBytes(event));
