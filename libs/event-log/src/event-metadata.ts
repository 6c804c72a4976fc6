/** Who recorded an event: the API key's id and its role. */
export interface Recorder {
  readonly id: string;
  readonly role: string;
}

/** A write request's idempotency key, with a fingerprint of the request it first came with. */
export interface IdempotencyStamp {
  readonly key: string;
  readonly fingerprint: string;
}

/**
 * The envelope of every stored compliance event (PRODUCT.md sections 3 and 6). The business
 * date ("occurred on") is in the data; everything here is about the recording.
 */
export interface EventMetadata {
  readonly schemaVersion: number;
  /** System time of the recording (ISO 8601, UTC). */
  readonly recordedAt: string;
  readonly recordedBy: Recorder;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotency?: IdempotencyStamp;
  /** Hash of the previous event of the stream; 64 zeros for the first. */
  readonly prevHash: string;
  /** sha256(prevHash + canonical JSON of this event without its hash): see hash-chain.ts. */
  readonly hash: string;
}

/** What the writer supplies about a recording; the log adds versions, times and hashes. */
export interface RecordingContext {
  readonly recordedBy: Recorder;
  readonly correlationId: string;
  readonly causationId: string;
  readonly idempotency?: IdempotencyStamp;
}
