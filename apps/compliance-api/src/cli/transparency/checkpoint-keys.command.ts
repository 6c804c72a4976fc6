import { existsSync } from 'node:fs';
import { generateSignerKey } from '#transparency';
import { writePrivateFile } from '../../transparency/private-file.js';

/**
 * `keys checkpoint`: a new Ed25519 key to sign the log's checkpoints, named by the log's origin,
 * written to `file` (readable by its owner only; an existing file is never replaced). Answers
 * the verifier key to publish.
 */
export function createCheckpointKey(origin: string, file: string): string {
  if (existsSync(file)) throw new Error(`${file} exists: a signing key is never replaced (remove it first, knowingly)`);
  const key = generateSignerKey(origin);
  writePrivateFile(file, `${key.text}\n`);
  return key.verifier.text;
}
