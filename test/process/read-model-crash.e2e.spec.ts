import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { cli, readModelContent, startCli } from './cli-process.js';
import { startService, waitUntilHealthy } from './service-process.js';

const EVENTS = 60_000;

/** Events the read models hold so far (0 while the file or its tables do not exist yet). */
function appliedEvents(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM entity_events').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** A copy of the seeded event log in a fresh data folder, without read models. */
function freshCopy(from: string, to: string): string {
  mkdirSync(to, { recursive: true });
  copyFileSync(join(from, 'events.db'), join(to, 'events.db'));
  return to;
}

describe('read models survive kill -9 and end identical to a clean rebuild', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-crash-'));
  const seeded = join(scratch, 'seeded');
  let clean: Record<string, unknown[]>;

  beforeAll(() => {
    expect(cli(seeded, 'seed', '--entities', '300', '--events', String(EVENTS)).code).toBe(0);
    const reference = freshCopy(seeded, join(scratch, 'reference'));
    expect(cli(reference, 'rebuild').code).toBe(0);
    clean = readModelContent(join(reference, 'read-models.db'));
    expect(clean.entityEvents).toHaveLength(EVENTS);
  }, 120_000);

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a rebuild killed part way leaves the previous read models as they were; run again, it completes', async () => {
    const dataDir = freshCopy(seeded, join(scratch, 'rebuild'));
    expect(cli(dataDir, 'rebuild').code).toBe(0); // the previous read models
    const rebuild = startCli(dataDir, 'rebuild');
    const exited = new Promise((resolve) => rebuild.once('exit', resolve));
    // kill it once it has written some of the new file
    for (let tries = 0; tries < 2000 && appliedEvents(join(dataDir, 'read-models.db.rebuild')) === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    rebuild.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dataDir, 'read-models.db.rebuild'))).toBe(true); // it really was cut off part way
    expect(readModelContent(join(dataDir, 'read-models.db'))).toEqual(clean);

    expect(cli(dataDir, 'rebuild').code).toBe(0);
    expect(readModelContent(join(dataDir, 'read-models.db'))).toEqual(clean);
  }, 120_000);

  it('the service killed while its projection catches up, then restarted', async () => {
    const dataDir = freshCopy(seeded, join(scratch, 'live'));
    const first = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    // wait until the projection has committed some batches, then kill it mid-way
    for (let tries = 0; tries < 2000 && appliedEvents(join(dataDir, 'read-models.db')) === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const partial = readModelContent(join(dataDir, 'read-models.db'));
    expect(partial.entityEvents.length).toBeGreaterThan(0); // it had applied some batches
    expect(partial.entityEvents.length).toBeLessThan(EVENTS); // and was cut off part way

    const second = await startService({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    await waitUntilHealthy(second, 60_000);
    second.child.kill('SIGTERM');
    await second.exited;

    expect(readModelContent(join(dataDir, 'read-models.db'))).toEqual(clean);
  }, 120_000);
});
