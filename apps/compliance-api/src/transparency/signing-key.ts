import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSignerKey, parseSignerKey, type SignerKey } from '#transparency';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/app-config.js';
import { writePrivateFile } from './private-file.js';

export const DEVELOPMENT_SIGNING_KEY_FILE = 'checkpoint-signing.key';

/**
 * The key checkpoints are signed with: CHECKPOINT_SIGNING_KEY_FILE's, or in development one
 * generated once into LOCAL_DIR and kept there (so checkpoints stay verifiable across restarts),
 * said where on the terminal.
 */
export function checkpointSigningKey(config: AppConfig, say: (message: string) => void): SignerKey {
  const { signingKey, origin } = config.transparency;
  if (signingKey !== undefined) return signingKey;
  const file = join(config.localDir, DEVELOPMENT_SIGNING_KEY_FILE);
  if (existsSync(file)) {
    const kept = parseSignerKey(readFileSync(file, 'utf8'));
    if (kept.name !== origin) {
      throw new ConfigError([
        `${file} signs for ${kept.name}, but the origin is ${origin}: remove the file to generate a key for ${origin}`,
      ]);
    }
    return kept;
  }
  const key = generateSignerKey(origin);
  writePrivateFile(file, `${key.text}\n`);
  say(
    `Generated a checkpoint signing key for development in ${file} (production needs CHECKPOINT_SIGNING_KEY_FILE); its verifier key: ${key.verifier.text}`,
  );
  return key;
}
