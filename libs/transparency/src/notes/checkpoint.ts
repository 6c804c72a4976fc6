import { HASH_SIZE, type Hash } from '../merkle/hashes.js';

/** A C2SP tlog-checkpoint's text: origin, tree size, base64 root hash, one a line. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Hash;
}

export class CheckpointFormatError extends Error {
  override readonly name = 'CheckpointFormatError';
}

export function checkpointText({ origin, size, root }: Checkpoint): string {
  return `${origin}\n${size}\n${root.toString('base64')}\n`;
}

/** Parses a checkpoint's text (extension lines, which this log never writes, are refused). */
export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') {
    throw new CheckpointFormatError('a checkpoint is three lines: origin, tree size, root hash');
  }
  const [origin, sizeText, rootText] = lines;
  if (origin === '') throw new CheckpointFormatError('the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) {
    throw new CheckpointFormatError(`the tree size is not a decimal number: ${sizeText}`);
  }
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== HASH_SIZE || root.toString('base64') !== rootText) {
    throw new CheckpointFormatError('the root hash is not 32 bytes in base64');
  }
  return { origin, size: Number(sizeText), root };
}
