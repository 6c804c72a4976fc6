import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import {
  COSIGNATURE_V1,
  cosignatureLine,
  generateSignerKey,
  openCheckpoint,
  parseNote,
  parseSignerKey,
  verifiedBy,
  verifyConsistency,
  type Checkpoint,
  type SignerKey,
  type VerifierKey,
} from '#transparency';
import { writePrivateFile } from '../../transparency/private-file.js';

export const WITNESS_KEY_FILE = 'witness.key';
export const WITNESSED_CHECKPOINT_FILE = 'checkpoint';

/** What a witness found wrong with the log: it neither cosigns nor moves on. */
export class WitnessRefusal extends Error {
  override readonly name = 'WitnessRefusal';
}

export interface WitnessOptions {
  /** The log's base URL (`https://registry.example.kz`). */
  readonly log: string;
  readonly logKey: VerifierKey;
  /** Where the witness keeps its key and the last checkpoint it verified. */
  readonly state: string;
  /** An API key of the log, to read its checkpoints and send cosignatures. */
  readonly apiKey: string;
  /** The witness's name, for a key made on the first run. */
  readonly name?: string;
  readonly say: (line: string) => void;
}

/**
 * One round of a witness (C2SP tlog-witness, pulling): fetch the log's latest checkpoint, verify
 * its signature, prove it extends the last one this witness verified (a consistency proof; the
 * same size must have the same root), keep it, and send the log a cosignature (C2SP
 * tlog-cosignature) with the witness's own key. Anyone holding a checkpoint cosigned by witnesses
 * knows every one of them saw that tree, and no other of its size, extend what came before.
 */
export async function witnessOnce(options: WitnessOptions): Promise<Checkpoint> {
  const key = witnessKey(options);
  const kept = join(options.state, WITNESSED_CHECKPOINT_FILE);
  const note = await fetchText(options, '/v1/transparency/checkpoint');
  const latest = openCheckpoint(note, options.logKey);
  const previous = existsSync(kept) ? openCheckpoint(readFileSync(kept, 'utf8'), options.logKey) : undefined;
  if (previous !== undefined) await proveExtends(options, previous, latest);
  const parsed = parseNote(note);
  // what the witness keeps: the log's own signed checkpoint, without others' cosignatures
  const logSigned = `${parsed.text}\n${verifiedBy(parsed, options.logKey)[0].line}`;
  writeFileSync(kept, logSigned);
  const cosigned = logSigned + cosignatureLine(parsed.text, key, BigInt(Math.floor(Date.now() / 1000)));
  const answer = await fetch(new URL('/v1/transparency/cosignatures', options.log), {
    method: 'POST',
    headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'text/plain' },
    body: cosigned,
  });
  if (!answer.ok) throw new Error(`the log refused the cosignature: ${answer.status} ${await answer.text()}`);
  options.say(`Cosigned ${latest.origin} at ${latest.size} leaves (root ${latest.root.toString('base64')})`);
  return latest;
}

async function proveExtends(options: WitnessOptions, previous: Checkpoint, latest: Checkpoint): Promise<void> {
  if (latest.size < previous.size) {
    throw new WitnessRefusal(
      `ROLLBACK: the log now signs a tree of ${latest.size} leaves, smaller than the ${previous.size} this witness verified`,
    );
  }
  if (latest.size === previous.size) {
    if (!latest.root.equals(previous.root)) {
      throw new WitnessRefusal(`SPLIT VIEW: the log signed two different trees of ${latest.size} leaves`);
    }
    return;
  }
  if (previous.size === 0) return; // the empty tree is a prefix of every tree
  const proof = JSON.parse(
    await fetchText(options, `/v1/transparency/consistency?from=${previous.size}&to=${latest.size}`),
  ) as { hashes: string[] };
  const hashes = proof.hashes.map((hash) => Buffer.from(hash, 'base64'));
  if (!verifyConsistency(previous.size, latest.size, hashes, previous.root, latest.root)) {
    throw new WitnessRefusal(
      `INCONSISTENT: the log's tree of ${latest.size} leaves does not extend the tree of ${previous.size} this witness verified: history was rewritten`,
    );
  }
}

/** The witness's own cosigning key, made on its first run (its verifier key printed, for the log's WITNESS_KEYS). */
function witnessKey(options: WitnessOptions): SignerKey {
  const file = join(options.state, WITNESS_KEY_FILE);
  if (existsSync(file)) return parseSignerKey(readFileSync(file, 'utf8'));
  mkdirSync(options.state, { recursive: true });
  const key = generateSignerKey(options.name ?? `witness.local/${hostname()}`, COSIGNATURE_V1);
  writePrivateFile(file, `${key.text}\n`);
  options.say(
    `Made this witness's key in ${file}; the log accepts its cosignatures once WITNESS_KEYS lists: ${key.verifier.text}`,
  );
  return key;
}

async function fetchText(options: WitnessOptions, path: string): Promise<string> {
  const answer = await fetch(new URL(path, options.log), { headers: { authorization: `Bearer ${options.apiKey}` } });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${text.slice(0, 300)}`);
  return text;
}
