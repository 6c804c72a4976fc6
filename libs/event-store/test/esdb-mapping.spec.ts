import { describe, expect, it } from '@jest/globals';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import fc from 'fast-check';
import { comparePositions, InvalidArgumentError, WrongExpectedRevisionError, type Position } from '#event-store';
import {
  decodeEsdbPosition,
  encodeEsdbPosition,
  fromEsdbActualRevision,
  isEsdbPosition,
  isSystemEvent,
  toEsdbExpectedRevision,
  toPortError,
} from '../src/eventstoredb/esdb-mapping.js';

describe('EventStoreDB mapping (no server needed)', () => {
  it('maps the four expected revisions onto the client', () => {
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision(41)).toBe(41n);
  });

  it("maps the server's actual revision back", () => {
    expect(fromEsdbActualRevision(7n)).toBe(7);
    expect(fromEsdbActualRevision(-1n)).toBe('no_stream');
    expect(fromEsdbActualRevision('no_stream')).toBe('no_stream');
  });

  it('maps a wrong-expected-version error to the port error, and leaves others alone', () => {
    const mapped = toPortError({ type: 'wrong-expected-version', actualVersion: 3n }, 'entity-1', 1);
    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ streamId: 'entity-1', expected: 1, actual: 3 });
    const other = new Error('unavailable');
    expect(toPortError(other, 'entity-1', 'any')).toBe(other);
  });

  it('encodes positions so that string order is log order (commit, then prepare), and back', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2n ** 62n }),
        fc.bigInt({ min: 0n, max: 2n ** 62n }),
        fc.bigInt({ min: 0n, max: 2n ** 62n }),
        fc.bigInt({ min: 0n, max: 2n ** 62n }),
        (c1, p1, c2, p2) => {
          const a = encodeEsdbPosition({ commit: c1, prepare: p1 });
          const b = encodeEsdbPosition({ commit: c2, prepare: p2 });
          const expected = c1 === c2 ? Math.sign(Number(p1 - p2)) : Math.sign(Number(c1 - c2));
          expect(Math.sign(comparePositions(a, b))).toBe(expected);
          expect(decodeEsdbPosition(a)).toEqual({ commit: c1, prepare: p1 });
          expect(isEsdbPosition(a)).toBe(true);
        },
      ),
    );
    expect(() => decodeEsdbPosition('00000000000000000042' as Position)).toThrow(InvalidArgumentError);
  });

  it('tells system events from the application', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: 'entity-081140000436', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'entity-081140000436', type: 'EntityRegistered' })).toBe(false);
  });
});
