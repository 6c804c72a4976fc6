import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export const CLI = join(process.cwd(), 'dist/apps/compliance-api/src/cli/main.js');

/** Runs the CLI to completion: its exit code and what it printed. */
export function cli(dataDir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" (npm test does it for you)`);
  const run = spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts the CLI without waiting, to be killed mid-way. */
export function startCli(dataDir: string, ...args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    stdio: 'ignore',
  });
}

/**
 * The content of a read-models file that must not depend on how it was built: every row of
 * every table, in a fixed order (ratings without their computation times).
 */
export function readModelContent(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return {
      checkpoint: db.prepare('SELECT * FROM checkpoint ORDER BY name').all(),
      derivation: db.prepare('SELECT * FROM derivation').all(),
      entities: db.prepare('SELECT * FROM entities ORDER BY bin').all(),
      entityEvents: db.prepare('SELECT * FROM entity_events ORDER BY bin, revision').all(),
      changes: db.prepare('SELECT * FROM changes ORDER BY position').all(),
      scoreHistory: db.prepare('SELECT * FROM score_history ORDER BY bin, revision').all(),
      quarantine: db.prepare('SELECT bin, code, revision, position, detail FROM quarantine ORDER BY bin').all(),
      ratings: db.prepare('SELECT bin, due FROM ratings ORDER BY bin').all(),
    };
  } finally {
    db.close();
  }
}
