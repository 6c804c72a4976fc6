import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { Position, RecordedEvent } from '#event-store';
import {
  CheckpointsFile,
  CompactRange,
  consistencyProof,
  COSIGNATURE_V1,
  cosignatureLine,
  CosignatureRefusedError,
  eventLeafHash,
  generateSignerKey,
  InconsistentTreeError,
  MerkleTreeFile,
  parseNote,
  TransparencyLog,
  verifyConsistency,
  verifyInclusion,
} from '#transparency';

const at = (n: number) => String(n).padStart(20, '0') as Position;
export function events(from: number, count: number): RecordedEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    streamId: `entity-${(from + i) % 7}`,
    eventId: `0190e0c0-0000-7000-8000-${String(from + i).padStart(12, '0')}`,
    type: 'TrainingCompleted',
    revision: Math.floor((from + i) / 7),
    position: at(from + i + 1),
    data: { participants: from + i, completedOn: '2025-01-01' },
    metadata: { hash: `h${from + i}`, prevHash: 'p' },
    created: new Date(0),
  }));
}

const scratch = () => join(mkdtempSync(join(tmpdir(), 'tree-')), 'merkle-tree.db');

describe('the tree file', () => {
  it('grows with the log in batches, survives reopening without recomputing, and proves inclusion and consistency', () => {
    const file = scratch();
    const log = events(0, 1000);
    const tree = MerkleTreeFile.open(file);
    for (let i = 0; i < log.length; i += 137) tree.apply(log.slice(i, i + 137));
    const expected = CompactRange.empty();
    log.forEach((e) => expected.appendHash(eventLeafHash(e)));
    expect(tree.size).toBe(1000);
    expect(tree.root().equals(expected.root())).toBe(true);
    expect(tree.checkpoint()).toBe(at(1000));
    tree.close();

    const reopened = MerkleTreeFile.open(file);
    expect(reopened.size).toBe(1000);
    expect(reopened.root().equals(expected.root())).toBe(true);
    const index = reopened.leafIndexOf(log[421].eventId.toUpperCase()) as number;
    expect(index).toBe(421);
    expect(
      verifyInclusion(index, 777, eventLeafHash(log[421]), reopened.inclusionProof(index, 777), reopened.root(777)),
    ).toBe(true);
    expect(
      verifyConsistency(300, 1000, reopened.consistencyProof(300, 1000), reopened.root(300), reopened.root()),
    ).toBe(true);
    expect(() => reopened.inclusionProof(5, 1001)).toThrow(/1000 leaves/);
    reopened.close();
  });

  it('reads O(log n) stored hashes for a proof', () => {
    const tree = MerkleTreeFile.open(scratch());
    tree.apply(events(0, 5000));
    const reads: number[] = [];
    const counting = { read: (s: Parameters<MerkleTreeFile['read']>[0]) => (reads.push(s.length), tree.read(s)) };
    consistencyProof(counting, 1234, 4999);
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(5000)));
    tree.close();
  });

  it('built in bulk, finds leaves by event id once finished, and gives the event ids in leaf order', () => {
    const file = scratch();
    const log = events(0, 600).reverse(); // ids not in log order, as in any log but a fresh one
    const built = MerkleTreeFile.open(file, { bulk: true });
    built.apply(log.slice(0, 250));
    built.apply(log.slice(250));
    built.finishBulk();
    built.close();

    const tree = MerkleTreeFile.open(file);
    expect(tree.leafIndexOf(log[17].eventId)).toBe(17);
    expect(tree.leafIndexOf('0190e0c0-0000-7000-8000-999999999999')).toBeUndefined();
    expect(tree.eventIds(5)).toEqual(log.slice(0, 5).map((e) => e.eventId));
    const plan = tree.db.prepare('EXPLAIN QUERY PLAN SELECT leaf FROM leaves WHERE event_id = ?').all('x');
    expect(JSON.stringify(plan)).toContain('leaves_by_event_id');
    tree.close();
  });

  it('opens a file of the first schema (leaves keyed by event id) and moves its leaves over', () => {
    const file = scratch();
    const log = events(0, 40);
    const first = new DatabaseSync(file);
    first.exec(`CREATE TABLE subtrees (id INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
      CREATE TABLE leaves (event_id TEXT PRIMARY KEY, leaf INTEGER NOT NULL) STRICT, WITHOUT ROWID;
      CREATE TABLE progress (position TEXT NOT NULL, size INTEGER NOT NULL) STRICT;
      PRAGMA user_version = 1;`);
    const range = CompactRange.empty();
    const insert = first.prepare('INSERT INTO subtrees (id, hash) VALUES (?, ?)');
    let id = 0;
    log.forEach((event, leaf) => {
      for (const hash of range.appendHash(eventLeafHash(event))) insert.run(id++, hash);
      first.prepare('INSERT INTO leaves (event_id, leaf) VALUES (?, ?)').run(event.eventId, leaf);
    });
    first.prepare('INSERT INTO progress (position, size) VALUES (?, ?)').run(at(40), 40);
    first.close();

    const tree = MerkleTreeFile.open(file);
    expect(tree.size).toBe(40);
    expect(tree.root().equals(range.root())).toBe(true);
    expect(tree.leafIndexOf(log[33].eventId)).toBe(33);
    expect(tree.eventIds()).toEqual(log.map((e) => e.eventId));
    tree.close();
  });
});

describe('checkpoints', () => {
  const origin = 'registry.example.kz/compliance';
  const signer = generateSignerKey(origin);
  const witness = generateSignerKey('witness.example.org/w1', COSIGNATURE_V1);
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'checkpoints-'));
    const tree = MerkleTreeFile.open(join(dir, 'tree.db'));
    const checkpoints = CheckpointsFile.open(join(dir, 'checkpoints.db'));
    return {
      tree,
      checkpoints,
      log: new TransparencyLog(tree, checkpoints, { origin, signer, witnesses: [witness.verifier] }),
    };
  };

  it('signs one when the tree grew, keeps every one, and serves witnesses cosignatures on it', () => {
    const { tree, checkpoints, log } = open();
    expect(log.checkpoint().size).toBe(0);
    tree.apply(events(0, 10));
    const ten = log.checkpoint();
    expect(ten.size).toBe(10);
    expect(log.checkpoint()).toEqual(ten); // nothing new: the same one
    tree.apply(events(10, 5));
    expect(log.checkpoint().size).toBe(15);
    expect(checkpoints.at(10)).toEqual(ten);

    const text = parseNote(ten.note).text;
    expect(log.addCosignatures(ten.note + cosignatureLine(text, witness, 1_700_000_000n))).toEqual({
      size: 10,
      witnesses: [witness.verifier.name],
    });
    const served = TransparencyLog.served(checkpoints.at(10)!);
    expect(parseNote(served).signatures.map((s) => s.name)).toEqual([origin, witness.verifier.name]);
  });

  it('refuses cosignatures of checkpoints it never signed, and from unknown witnesses', () => {
    const { tree, log } = open();
    tree.apply(events(0, 3));
    const kept = log.checkpoint();
    const text = parseNote(kept.note).text;
    const stranger = generateSignerKey('stranger.example/w', COSIGNATURE_V1);
    expect(() => log.addCosignatures(kept.note + cosignatureLine(text, stranger, 1n))).toThrow(CosignatureRefusedError);
    const forged = text.replace('\n3\n', '\n4\n');
    expect(() => log.addCosignatures(`${forged}\n${cosignatureLine(forged, witness, 1n)}`)).toThrow(
      /signed no checkpoint/,
    );
  });

  it('will not sign a tree that no longer extends its last checkpoint', () => {
    const { checkpoints, log } = open();
    const first = open();
    first.tree.apply(events(0, 8));
    checkpoints.add(8, first.log.checkpoint().note, new Date());
    // this log's own tree holds other events: a log rewritten, and its tree rebuilt from it
    log.tree.apply(events(100, 9));
    expect(() => log.checkpoint()).toThrow(InconsistentTreeError);
  });
});
