import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { hashEvent, type EventMetadata } from '#event-log';
import { createKey } from '../../apps/compliance-api/src/access/api-keys.js';
import { cli } from './cli-process.js';
import { startService, waitUntilHealthy } from './service-process.js';

const [A, B, C] = ['081140000436', '940740000911', '000740001307'];

interface Row {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * What an insider with write access to the event store can do that the entity hash chains alone
 * do not show (issue 15), each tried on a copy of the same log against a checkpoint kept from
 * before: `verify --checkpoint` catches every one and names it.
 */
describe('insider attacks on the log, caught against a kept checkpoint', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-insider-'));
  const original = join(scratch, 'original');
  const checkpointFile = join(scratch, 'checkpoint.txt');
  const keyFile = join(scratch, 'verifier-key.txt');
  let signedSize = 0;
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  beforeAll(async () => {
    const keysFile = join(scratch, 'keys.json');
    const key = createKey(keysFile, 'insider-admin', 'admin');
    const service = await startService({ DATA_DIR: original, API_KEYS_FILE: keysFile, LOG_LEVEL: 'warn' });
    const call = async (method: string, path: string, body?: object) => {
      const reply = await fetch(`${service.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(reply.status).toBeLessThan(300);
      return reply.text();
    };
    try {
      await waitUntilHealthy(service);
      for (const bin of [A, B, C])
        await call('POST', '/v1/entities', { bin, name: `Company ${bin}`, stateSharePercent: 100 });
      // interleaved: each entity's events among the others'
      for (let round = 1; round <= 3; round++) {
        for (const bin of [A, B, C]) {
          await call('POST', `/v1/entities/${bin}/trainings`, {
            completedOn: '2025-11-11',
            participants: round,
            staffTotal: 10,
          });
        }
      }
      const checkpoint = await fetch(`${service.baseUrl}/v1/transparency/checkpoints`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      });
      const note = await checkpoint.text();
      signedSize = Number(note.split('\n')[1]);
      writeFileSync(checkpointFile, note);
      writeFileSync(keyFile, await call('GET', '/v1/transparency/verifier-key'));
      // the log goes on after the checkpoint: growing is not rewriting
      await call('POST', `/v1/entities/${A}/trainings`, { completedOn: '2025-11-12', participants: 9, staffTotal: 10 });
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 60_000);

  /** A copy of the log, tampered with by `attack` through SQLite itself, as an insider would. */
  function attacked(name: string, attack: (db: DatabaseSync) => void): string {
    const dir = join(scratch, name);
    cpSync(original, dir, { recursive: true });
    const db = new DatabaseSync(join(dir, 'events.db'));
    attack(db);
    db.close();
    return dir;
  }
  const rows = (db: DatabaseSync, where = '1 = 1') =>
    db.prepare(`SELECT * FROM events WHERE ${where} ORDER BY position`).all() as unknown as Row[];
  /** Rewrites a stream from `from` on with `change`, every chain hash recomputed: the chain verifies. */
  function rehash(db: DatabaseSync, streamId: string, from: number, change: (data: Record<string, unknown>) => object) {
    const stream = rows(db, `stream_id = '${streamId}'`).sort((x, y) => x.revision - y.revision);
    let prevHash = (JSON.parse(stream[from - 1]?.metadata ?? '{"hash":"0"}') as EventMetadata).hash;
    if (from === 0) prevHash = '0'.repeat(64);
    for (const row of stream.slice(from)) {
      const data = change(JSON.parse(row.data) as Record<string, unknown>);
      const { hash: _old, ...unhashed } = JSON.parse(row.metadata) as EventMetadata;
      const metadata = { ...unhashed, prevHash };
      prevHash = hashEvent({ streamId, revision: row.revision, eventId: row.event_id, type: row.type, data, metadata });
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
        JSON.stringify(data),
        JSON.stringify({ ...metadata, hash: prevHash }),
        row.position,
      );
    }
  }
  const verify = (dir: string) => cli(dir, 'verify', '--checkpoint', checkpointFile, '--verifier-key', keyFile);
  /** Every attack keeps each entity's hash chain valid: only the checkpoint can tell. */
  const chainsStillValid = (stdout: string) => expect(stdout).not.toContain('BROKEN');

  it('the log as it was, and grown since: consistent', () => {
    const run = verify(original);
    expect(run.stdout).toContain(
      `CONSISTENT with the checkpoint of localhost/compliance-engine at ${signedSize} events`,
    );
    expect(run.code).toBe(0);
  });

  it("deleting the last event of an entity's stream", () => {
    let removed = '';
    const dir = attacked('deleted', (db) => {
      const last = rows(db, `stream_id = 'entity-${B}'`).at(-1) as Row;
      removed = last.event_id;
      db.prepare('DELETE FROM events WHERE position = ?').run(last.position);
    });
    const run = verify(dir);
    expect(run.code).toBe(1);
    chainsStillValid(run.stdout);
    expect(run.stdout).toMatch(new RegExp(`^REMOVED event ${removed} \\(leaf \\d+\\) is no longer in the log$`, 'm'));
    expect(run.stdout).toContain('NOT CONSISTENT');
  });

  it("re-hashing the tail of an entity's stream", () => {
    const dir = attacked('rehashed', (db) => rehash(db, `entity-${C}`, 2, (data) => ({ ...data, participants: 10 })));
    const run = verify(dir);
    expect(run.code).toBe(1);
    chainsStillValid(run.stdout);
    for (const revision of [2, 3]) {
      expect(run.stdout).toMatch(
        new RegExp(`^ALTERED event \\S+ of entity-${C} revision ${revision} \\(leaf \\d+\\)`, 'm'),
      );
    }
    expect(run.stdout).not.toMatch(new RegExp(`ALTERED event \\S+ of entity-${C} revision 1 `));
  });

  it('swapping the positions of two events of different entities', () => {
    let swapped: Row[] = [];
    const dir = attacked('swapped', (db) => {
      swapped = rows(db, 'position IN (4, 5)');
      expect(swapped[0].stream_id).not.toBe(swapped[1].stream_id);
      db.exec('UPDATE events SET position = -5 WHERE position = 5; UPDATE events SET position = 5 WHERE position = 4;');
      db.exec('UPDATE events SET position = 4 WHERE position = -5;');
    });
    const run = verify(dir);
    expect(run.code).toBe(1);
    chainsStillValid(run.stdout);
    expect(run.stdout).toMatch(new RegExp(`^MOVED event ${swapped[0].event_id} .* was leaf 3 and is now leaf 4`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^MOVED event ${swapped[1].event_id} .* was leaf 4 and is now leaf 3`, 'm'));
  });

  it('rewriting a whole stream with every chain hash recomputed', () => {
    const dir = attacked('rewritten', (db) => rehash(db, `entity-${A}`, 0, (data) => ({ ...data, participants: 10 })));
    const run = verify(dir);
    expect(run.code).toBe(1);
    chainsStillValid(run.stdout);
    // every training of A changed (the registration has no participants, and stays what was signed)
    expect(run.stdout.match(new RegExp(`^ALTERED event \\S+ of entity-${A} revision`, 'gm'))).toHaveLength(4);
  });

  it('truncating the log', () => {
    const dir = attacked('truncated', (db) => db.exec('DELETE FROM events WHERE position > 8'));
    const run = verify(dir);
    expect(run.code).toBe(1);
    chainsStillValid(run.stdout);
    expect(run.stdout).toContain(
      `TRUNCATED the log holds 8 events, fewer than the ${signedSize} the checkpoint signed`,
    );
    expect(run.stdout.match(/^REMOVED /gm)).toHaveLength(signedSize - 8);
  });

  it('a rewrite whose tree was rebuilt too: the rebuild refuses to replace the tree; without any tree, still caught', () => {
    const dir = attacked('rebuilt', (db) => rehash(db, `entity-${C}`, 1, (data) => ({ ...data, participants: 10 })));
    const rebuilt = cli(dir, 'rebuild');
    expect(rebuilt.code).toBe(1);
    expect(rebuilt.stderr).toContain(
      `The rebuilt tree was NOT put in place: the log's first ${signedSize} events no longer hash`,
    );
    expect(verify(dir).stdout).toMatch(new RegExp(`^ALTERED event \\S+ of entity-${C} revision 1 `, 'm'));

    rmSync(join(dir, 'merkle-tree.db'));
    const run = verify(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(`^REWRITTEN the log's first ${signedSize} events no longer hash to the checkpoint's root`, 'm'),
    );
  });

  it('a checkpoint that the log key did not sign is refused', () => {
    const forged = join(scratch, 'forged.txt');
    const note = `localhost/compliance-engine\n${signedSize}\n${Buffer.alloc(32).toString('base64')}\n\n— localhost/compliance-engine ${Buffer.alloc(68).toString('base64')}\n`;
    writeFileSync(forged, note);
    const run = cli(original, 'verify', '--checkpoint', forged, '--verifier-key', keyFile);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the checkpoint carries no valid signature of localhost/compliance-engine');
  });
});
