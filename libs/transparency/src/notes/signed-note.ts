import { sign, verify } from 'node:crypto';
import { COSIGNATURE_V1, ED25519, type SignerKey, type VerifierKey } from './note-keys.js';

/** One signature line of a note: `— <key name> base64(key id || signature)`. */
export interface NoteSignature {
  readonly name: string;
  readonly id: Buffer;
  /** What follows the key id: an Ed25519 signature, or a cosignature's timestamp and signature. */
  readonly signature: Buffer;
  readonly line: string;
}

export interface Note {
  /** The signed text, ending in a newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export class NoteFormatError extends Error {
  override readonly name = 'NoteFormatError';
}

const DASH = '\u2014 ';
/** Go's note.Open refuses more; so does this. */
const MAX_SIGNATURES = 100;

/** Signs `text` (C2SP signed-note, Ed25519): the note, its text then a blank line then the signature. */
export function signNote(text: string, signer: SignerKey): string {
  return `${text}\n${noteSignatureLine(text, signer)}`;
}

/** The signature line of `signer` over `text`. */
export function noteSignatureLine(text: string, signer: SignerKey): string {
  checkText(text);
  if (signer.type !== ED25519) throw new NoteFormatError('a note is signed with an Ed25519 (0x01) key');
  const signature = sign(null, Buffer.from(text), signer.privateKey);
  return signatureLine(signer.name, Buffer.concat([signer.id, signature]));
}

export function signatureLine(name: string, payload: Buffer): string {
  return `${DASH}${name} ${payload.toString('base64')}\n`;
}

/** Parses a note into its text and signature lines (verifying none of them). */
export function parseNote(note: string): Note {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('a note is its text, a blank line, then signature lines');
  const text = note.slice(0, split + 1);
  checkText(text);
  const lines = note.slice(split + 2);
  if (!lines.endsWith('\n')) throw new NoteFormatError('the signature lines must end with a newline');
  const signatures = lines
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/u.exec(line);
      const payload = match ? Buffer.from(match[2], 'base64') : Buffer.alloc(0);
      if (!match || payload.length < 5) throw new NoteFormatError(`not a signature line: ${line.slice(0, 80)}`);
      return { name: match[1], id: payload.subarray(0, 4), signature: payload.subarray(4), line: `${line}\n` };
    });
  if (signatures.length > MAX_SIGNATURES) throw new NoteFormatError(`more than ${MAX_SIGNATURES} signatures`);
  return { text, signatures };
}

/** The signature lines of `note` made by `verifier` (its name and key id) that verify. */
export function verifiedBy(note: Note, verifier: VerifierKey): NoteSignature[] {
  return note.signatures.filter(
    (s) => s.name === verifier.name && s.id.equals(verifier.id) && verifies(note.text, s.signature, verifier),
  );
}

/** Whether a note signature, or a cosignature (C2SP tlog-cosignature), verifies over `text`. */
function verifies(text: string, signature: Buffer, verifier: VerifierKey): boolean {
  if (verifier.type === ED25519) {
    return signature.length === 64 && verify(null, Buffer.from(text), verifier.publicKey, signature);
  }
  if (verifier.type === COSIGNATURE_V1 && signature.length === 72) {
    const time = signature.readBigUInt64BE(0);
    return verify(null, cosignedMessage(text, time), verifier.publicKey, signature.subarray(8));
  }
  return false;
}

/** What a cosigner signs: `cosignature/v1`, `time <seconds>`, then the checkpoint's text. */
export function cosignedMessage(text: string, time: bigint): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${time}\n${text}`);
}

/** A witness's cosignature line over a checkpoint's text, made at `time` (POSIX seconds). */
export function cosignatureLine(text: string, cosigner: SignerKey, time: bigint): string {
  checkText(text);
  if (cosigner.type !== COSIGNATURE_V1)
    throw new NoteFormatError('a cosignature is made with a cosignature/v1 (0x04) key');
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(time);
  const signature = sign(null, cosignedMessage(text, time), cosigner.privateKey);
  return signatureLine(cosigner.name, Buffer.concat([cosigner.id, stamp, signature]));
}

/** The time a cosignature line says it was made (POSIX seconds). */
export const cosignatureTime = (signature: NoteSignature): bigint => signature.signature.readBigUInt64BE(0);

function checkText(text: string): void {
  if (!text.endsWith('\n') || text.includes('\n\n')) {
    throw new NoteFormatError('a note text is non-empty lines, each ending with a newline');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteFormatError('a note text holds no control characters');
}
