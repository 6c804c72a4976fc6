import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import { InvalidArgumentError, WrongExpectedRevisionError } from '../errors.js';
import type { ActualRevision, ExpectedRevision } from '../expected-revision.js';
import type { Position } from '../position.js';

/**
 * How the port's types map onto EventStoreDB's, both ways. Pure, so it is tested without a
 * server.
 */

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** EventStoreDB's `actualVersion`: a revision, `no_stream`, or a stream that exists (unknown revision). */
export function fromEsdbActualRevision(actual: unknown): ActualRevision {
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : Number(actual);
  if (typeof actual === 'number') return actual < 0 ? 'no_stream' : actual;
  return 'no_stream';
}

const HEX = 16;
const PATTERN = /^[0-9a-f]{32}$/;

/** Commit then prepare position, each as 16 hex digits: string order is log order. */
export function encodeEsdbPosition({ commit, prepare }: EsdbPosition): Position {
  return (commit.toString(16).padStart(HEX, '0') + prepare.toString(16).padStart(HEX, '0')) as Position;
}

export function decodeEsdbPosition(position: Position): EsdbPosition {
  if (!PATTERN.test(position)) throw new InvalidArgumentError(`"${position}" is not a position of this event store`);
  return { commit: BigInt(`0x${position.slice(0, HEX)}`), prepare: BigInt(`0x${position.slice(HEX)}`) };
}

export function isEsdbPosition(text: string): text is Position {
  return PATTERN.test(text);
}

/** EventStoreDB's own streams and events (`$`-prefixed) are never the application's. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** The client's errors carry a `type`; the ones the port defines are mapped, others pass. */
export function toPortError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  const { type, actualVersion } = (error ?? {}) as { type?: unknown; actualVersion?: unknown };
  if (type === 'wrong-expected-version') {
    return new WrongExpectedRevisionError(streamId, expected, fromEsdbActualRevision(actualVersion));
  }
  return error;
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === 'stream-not-found';
}
