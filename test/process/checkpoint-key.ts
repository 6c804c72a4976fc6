import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from './cli-process.js';

/** A checkpoint signing key in `dir`, made once by the CLI as an operator makes it: what production needs to start. */
export function checkpointKeyFile(dir: string): string {
  const file = join(dir, 'checkpoint-signing.key');
  if (!existsSync(file)) {
    const made = cli(dir, 'keys', 'checkpoint', '--origin', 'registry.example.kz/compliance', '--file', file);
    if (made.code !== 0) throw new Error(`keys checkpoint failed: ${made.stderr}`);
  }
  return file;
}
