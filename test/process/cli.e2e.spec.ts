import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { cli } from './cli-process.js';

describe('the command-line tool', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'compliance-cli-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('seeds the demo register through the domain rules, once', () => {
    const dataDir = join(scratch, 'demo');
    const first = cli(dataDir, 'seed', '--demo');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Recorded \d{3,} events; 0 commands refused/);
    const again = cli(dataDir, 'seed', '--demo');
    expect(again.stderr).toContain('Recorded 0 events; 0 commands refused');
  });

  it('verifies every chain, exports NDJSON that verifies offline, and finds a tampered event', () => {
    const dataDir = join(scratch, 'verify');
    cli(dataDir, 'seed', '--entities', '20', '--events', '400');
    const verified = cli(dataDir, 'verify');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('20 streams, 400 events checked, 0 broken');

    const exported = cli(dataDir, 'export', '--out', join(dataDir, 'export.ndjson'));
    expect(exported.stderr).toContain('Exported 400 events');
    expect(cli(dataDir, 'verify', '--file', join(dataDir, 'export.ndjson')).stdout).toContain('0 broken');

    const raw = new DatabaseSync(join(dataDir, 'events.db'));
    const victim = raw.prepare('SELECT stream_id FROM events WHERE revision = 7 LIMIT 1').get() as {
      stream_id: string;
    };
    raw
      .prepare(`UPDATE events SET data = json_set(data, '$.participants', 1) WHERE stream_id = ? AND revision = 7`)
      .run(victim.stream_id);
    raw.close();
    const broken = cli(dataDir, 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`BROKEN ${victim.stream_id} at revision 7`);
  });

  it('rebuilds the read models from the log', () => {
    const dataDir = join(scratch, 'rebuild');
    cli(dataDir, 'seed', '--entities', '10', '--events', '300');
    const rebuilt = cli(dataDir, 'rebuild');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toMatch(/Rebuilt the read models from 300 events/);
    expect(existsSync(join(dataDir, 'read-models.db'))).toBe(true);
    expect(existsSync(join(dataDir, 'read-models.db.rebuild'))).toBe(false);

    const report = JSON.parse(cli(dataDir, 'rebuild', '--json').stdout) as Record<string, number>;
    expect(report).toMatchObject({ events: 300, entities: 10 });
    expect(report.ratingSeconds).toBeLessThanOrEqual(report.seconds);
  });

  it('explains itself, and refuses a command it does not know', () => {
    expect(cli(join(scratch, 'help'), '--help').stdout).toContain('Usage: npm run cli');
    expect(cli(join(scratch, 'help'), 'frobnicate').code).toBe(2);
    expect(cli(join(scratch, 'help'), 'seed', '--entities', '5').code).toBe(2);
  });
});
