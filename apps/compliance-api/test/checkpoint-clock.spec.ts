import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position, RecordedEvent } from '#event-store';
import { CheckpointsFile, generateSignerKey, MerkleTreeFile, TransparencyLog } from '#transparency';
import { CheckpointClock } from '../src/transparency/checkpoint-clock.js';

const event = (n: number): RecordedEvent => ({
  streamId: 'entity-081140000436',
  eventId: `0190e0c0-0000-7000-8000-${String(n).padStart(12, '0')}`,
  type: 'TrainingCompleted',
  revision: n,
  position: String(n + 1).padStart(20, '0') as Position,
  data: { n },
  metadata: { hash: `h${n}` },
  created: new Date(0),
});

describe('the checkpoint clock', () => {
  let log: TransparencyLog;
  let clock: CheckpointClock;
  const errors: string[] = [];

  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'clock-'));
    const origin = 'registry.example.kz/compliance';
    log = new TransparencyLog(
      MerkleTreeFile.open(join(dir, 'tree.db')),
      CheckpointsFile.open(join(dir, 'checkpoints.db')),
      { origin, signer: generateSignerKey(origin), witnesses: [] },
      () => new Date(Date.now()),
    );
    clock = new CheckpointClock(log, 10_000, { log: () => undefined, error: (m) => errors.push(m) });
  });
  afterEach(() => {
    clock.stop();
    jest.useRealTimers();
  });

  const latestSize = () => log.checkpoints.latest()?.size;

  it('signs at once after a quiet spell, then at most once an interval however many events arrive', () => {
    log.tree.apply([event(0)]);
    clock.grew();
    jest.advanceTimersByTime(0);
    expect(latestSize()).toBe(1);

    for (let n = 1; n <= 5; n++) {
      log.tree.apply([event(n)]);
      clock.grew();
      jest.advanceTimersByTime(1_000);
    }
    expect(latestSize()).toBe(1); // 5 s after the last: not yet
    jest.advanceTimersByTime(5_000);
    expect(latestSize()).toBe(6);
    jest.advanceTimersByTime(60_000);
    expect(latestSize()).toBe(6); // nothing new, nothing signed
    expect(log.checkpoints.at(1)).toBeDefined(); // every one kept
  });

  it('on demand, signs whatever the tree holds now, and says so when the tree contradicts the last checkpoint', () => {
    log.tree.apply([event(0), event(1)]);
    expect(clock.make()?.size).toBe(2);
    log.checkpoints.add(3, log.checkpoints.latest()!.note.replace('\n2\n', '\n3\n'), new Date(0));
    log.tree.apply([event(2), event(3)]);
    expect(clock.make()?.size).toBe(3); // the latest kept, not a new one over it
    expect(errors).toEqual([expect.stringMatching(/^No checkpoint signed: the tree's first 3 leaves no longer hash/)]);
  });
});
