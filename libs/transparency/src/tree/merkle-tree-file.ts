import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Position, RecordedEvent } from '#event-store';
import { finishBulk, inWriteTransaction, MultiRowInsert, openDatabase } from '#sqlite';
import { CompactRange } from '../merkle/compact-range.js';
import type { Hash } from '../merkle/hashes.js';
import { consistencyProof, inclusionProof } from '../merkle/proofs.js';
import { rangeHash, storedHashCount, storedHashIndex, type Subtree, type SubtreeReader } from '../merkle/subtrees.js';
import { eventLeafHash } from '../leaf.js';

const LEAVES_BY_EVENT_ID = 'leaves_by_event_id';
const CREATE_LEAVES_BY_EVENT_ID = `CREATE INDEX IF NOT EXISTS ${LEAVES_BY_EVENT_ID} ON leaves (event_id)`;

const MIGRATIONS = [
  `CREATE TABLE subtrees (id INTEGER PRIMARY KEY, hash BLOB NOT NULL) STRICT;
   CREATE TABLE leaves (event_id TEXT PRIMARY KEY, leaf INTEGER NOT NULL) STRICT, WITHOUT ROWID;
   CREATE TABLE progress (position TEXT NOT NULL, size INTEGER NOT NULL) STRICT;`,
  // leaves appended by index, found by event id through an index a rebuild creates once at the end
  `CREATE TABLE leaves_in_order (leaf INTEGER PRIMARY KEY, event_id TEXT NOT NULL) STRICT;
   INSERT INTO leaves_in_order (leaf, event_id) SELECT leaf, event_id FROM leaves;
   DROP TABLE leaves;
   ALTER TABLE leaves_in_order RENAME TO leaves;
   ${CREATE_LEAVES_BY_EVENT_ID};`,
];

export class TreeFileError extends Error {
  override readonly name = 'TreeFileError';
}

/**
 * The log's Merkle tree (RFC 9162), kept in its own SQLite file and fed the log in order, like a
 * read model: each complete subtree's hash once, at its place in the append-only sequence of
 * `storedHashIndex` (about two rows a leaf), each event's leaf index by its id, and the position
 * applied up to. Appending costs O(log n) hashes (the right edge is kept in memory); a root or a
 * proof reads O(log n) stored hashes; opening reads the right edge and recomputes nothing.
 */
export class MerkleTreeFile implements SubtreeReader {
  private readonly selectHash: StatementSync;
  private readonly selectLeaf: StatementSync;
  private readonly insertSubtrees: MultiRowInsert;
  private readonly insertLeaves: MultiRowInsert;
  private readonly saveProgress: StatementSync;
  private readonly insertProgress: StatementSync;
  private range: CompactRange;
  private applied: Position | undefined;

  private constructor(readonly db: DatabaseSync) {
    this.selectHash = db.prepare('SELECT hash FROM subtrees WHERE id = ?');
    this.selectLeaf = db.prepare('SELECT leaf FROM leaves WHERE event_id = ?');
    this.insertSubtrees = new MultiRowInsert(db, 'subtrees (id, hash)', 2);
    this.insertLeaves = new MultiRowInsert(db, 'leaves (leaf, event_id)', 2);
    this.saveProgress = db.prepare('DELETE FROM progress');
    this.insertProgress = db.prepare('INSERT INTO progress (position, size) VALUES (?, ?)');
    const progress = db.prepare('SELECT position, size FROM progress').get() as
      { position: string; size: number } | undefined;
    const size = progress?.size ?? 0;
    const { n } = db.prepare('SELECT count(*) AS n FROM subtrees').get() as { n: number };
    if (n !== storedHashCount(size)) {
      throw new TreeFileError(
        `The tree file holds ${n} hashes where ${size} leaves make ${storedHashCount(size)}: rebuild it`,
      );
    }
    this.range = CompactRange.of(size, this.read(CompactRange.subtrees(size)));
    this.applied = progress?.position as Position | undefined;
  }

  /** `bulk`: a file built in one go by a rebuild, thrown away unless complete (see `finishBulk`). */
  static open(filename: string, options: { bulk?: boolean } = {}): MerkleTreeFile {
    const db = openDatabase(filename, { mode: options.bulk ? 'bulk' : 'wal', migrations: MIGRATIONS });
    try {
      // ids arrive in log order, not id order: one sort at the end beats an index insert per leaf
      if (options.bulk) db.exec(`DROP INDEX IF EXISTS ${LEAVES_BY_EVENT_ID}`);
      return new MerkleTreeFile(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Leaves in the tree: the events of the log applied so far. */
  get size(): number {
    return this.range.size;
  }

  /** The position applied up to (a projection's checkpoint). */
  checkpoint(): Position | undefined {
    return this.applied;
  }

  /** Adds the events (in log order) as leaves and moves the checkpoint, in one transaction. */
  apply(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const range = this.range.clone();
    const subtrees: [number, Hash][] = [];
    const leaves: [number, string][] = [];
    for (const event of events) {
      const leaf = range.size;
      let id = storedHashIndex(0, leaf);
      for (const hash of range.appendHash(eventLeafHash(event))) subtrees.push([id++, hash]);
      leaves.push([leaf, event.eventId.toLowerCase()]);
    }
    const position = events[events.length - 1].position;
    inWriteTransaction(this.db, () => {
      this.insertSubtrees.run(subtrees);
      this.insertLeaves.run(leaves);
      this.saveProgress.run();
      this.insertProgress.run(position, range.size);
    });
    // memory moves only once the file has
    this.range = range;
    this.applied = position;
  }

  /** The index of an event's leaf, if the tree has it. */
  leafIndexOf(eventId: string): number | undefined {
    const row = this.selectLeaf.get(eventId.toLowerCase()) as { leaf: number } | undefined;
    return row?.leaf;
  }

  /** The root of the tree of the first `size` leaves (the whole tree by default). */
  root(size: number = this.size): Hash {
    this.within(size);
    if (size === this.size) return this.range.root();
    return size === 0 ? CompactRange.empty().root() : rangeHash(this, 0, size);
  }

  /** The hash of leaf `index` (as the tree holds it). */
  leafHash(index: number): Hash {
    this.within(index + 1);
    return this.read([{ level: 0, index }])[0];
  }

  /** The event ids of the first `size` leaves, by leaf index (an audit's reference: reads them all). */
  eventIds(size: number = this.size): string[] {
    this.within(size);
    const rows = this.db.prepare('SELECT event_id FROM leaves WHERE leaf < ? ORDER BY leaf').all(size) as {
      event_id: string;
    }[];
    return rows.map((row) => row.event_id);
  }

  inclusionProof(index: number, size: number): Hash[] {
    this.within(size);
    return inclusionProof(this, index, size);
  }

  consistencyProof(from: number, to: number): Hash[] {
    this.within(to);
    return consistencyProof(this, from, to);
  }

  read(subtrees: readonly Subtree[]): Hash[] {
    return subtrees.map(({ level, index }) => {
      const row = this.selectHash.get(storedHashIndex(level, index)) as { hash: Uint8Array } | undefined;
      if (row === undefined) throw new TreeFileError(`The tree file lacks the subtree ${level}/${index}: rebuild it`);
      return Buffer.from(row.hash);
    });
  }

  /** For a rebuilt file: WAL mode like every other, before it is moved into place. */
  finishBulk(): void {
    this.db.exec(CREATE_LEAVES_BY_EVENT_ID);
    finishBulk(this.db);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }

  private within(size: number): void {
    if (!(Number.isSafeInteger(size) && size >= 0 && size <= this.size)) {
      throw new RangeError(`The tree has ${this.size} leaves, not ${size}`);
    }
  }
}
