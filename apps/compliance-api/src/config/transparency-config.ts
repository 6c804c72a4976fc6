import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  COSIGNATURE_V1,
  ED25519,
  isKeyName,
  parseSignerKey,
  parseVerifierKey,
  type SignerKey,
  type VerifierKey,
} from '#transparency';

/** The origin of a log started with neither TRANSPARENCY_ORIGIN nor a signing key (development). */
export const DEVELOPMENT_ORIGIN = 'localhost/compliance-engine';

export interface TransparencyConfig {
  /** The checkpoints' origin line, and the name of the key that signs them. */
  readonly origin: string;
  /** From CHECKPOINT_SIGNING_KEY_FILE; `undefined` in development without one (one is generated in LOCAL_DIR). */
  readonly signingKey: SignerKey | undefined;
  /** At most one checkpoint this often, when new events arrived. */
  readonly checkpointIntervalMs: number;
  /** The witnesses whose cosignatures are accepted and served (WITNESS_KEYS). */
  readonly witnesses: readonly VerifierKey[];
}

/** Reads the transparency log's settings, adding a line to `problems` for each thing wrong. */
export function transparencyFrom(
  value: (name: string) => string | undefined,
  problems: string[],
  options: { keyRequired: boolean; nodeEnv: string; intervalSeconds: number },
): TransparencyConfig {
  const keyFile = value('CHECKPOINT_SIGNING_KEY_FILE');
  let signingKey: SignerKey | undefined;
  if (keyFile !== undefined) {
    try {
      signingKey = parseSignerKey(readFileSync(resolve(keyFile), 'utf8'));
      if (signingKey.type !== ED25519) throw new Error('it is not an Ed25519 note key (type 1)');
    } catch (error) {
      problems.push(`CHECKPOINT_SIGNING_KEY_FILE ${keyFile} is not a usable signing key: ${(error as Error).message}`);
      signingKey = undefined;
    }
  } else if (options.keyRequired) {
    problems.push(
      `CHECKPOINT_SIGNING_KEY_FILE is required when NODE_ENV=${options.nodeEnv}; only development and test generate one (create one with: npm run cli -- keys checkpoint --origin ORIGIN --file FILE)`,
    );
  }
  const origin = value('TRANSPARENCY_ORIGIN') ?? signingKey?.name ?? DEVELOPMENT_ORIGIN;
  if (!isKeyName(origin))
    problems.push(`TRANSPARENCY_ORIGIN must be non-empty with no spaces and no + (got "${origin}")`);
  if (signingKey !== undefined && signingKey.name !== origin) {
    problems.push(
      `the checkpoint signing key is named ${signingKey.name}, the log's origin is ${origin}: they must be the same`,
    );
  }
  const witnesses = (value('WITNESS_KEYS') ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '')
    .flatMap((key) => {
      try {
        const verifier = parseVerifierKey(key);
        if (verifier.type === COSIGNATURE_V1) return [verifier];
        problems.push(`WITNESS_KEYS: ${verifier.name}'s key is not a cosignature/v1 key (type 4)`);
      } catch (error) {
        problems.push(`WITNESS_KEYS: "${key.slice(0, 60)}" is not a verifier key: ${(error as Error).message}`);
      }
      return [];
    });
  return { origin, signingKey, checkpointIntervalMs: options.intervalSeconds * 1000, witnesses };
}
