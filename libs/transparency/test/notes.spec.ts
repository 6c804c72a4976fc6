import { describe, expect, it } from '@jest/globals';
import {
  checkpointText,
  COSIGNATURE_V1,
  cosignatureLine,
  generateSignerKey,
  leafHash,
  NoteKeyError,
  openCheckpoint,
  parseCheckpointText,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifiedBy,
} from '#transparency';

// Go's golang.org/x/mod/sumdb/note documents this key and signature (example_test.go)
const GO_SIGNER = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_SIGNATURE =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('signed notes (C2SP signed-note, Go sumdb/note)', () => {
  it("signs exactly as Go's note package does with the same key (Ed25519 is deterministic)", () => {
    const signer = parseSignerKey(GO_SIGNER);
    expect(signer.verifier.text).toBe(GO_VERIFIER);
    expect(signNote(GO_TEXT, signer)).toBe(`${GO_TEXT}\n${GO_SIGNATURE}`);
    expect(verifiedBy(parseNote(`${GO_TEXT}\n${GO_SIGNATURE}`), parseVerifierKey(GO_VERIFIER))).toHaveLength(1);
  });

  it('refuses a note whose text was changed, or signed by another key of the same name', () => {
    const signer = parseSignerKey(GO_SIGNER);
    const note = signNote(GO_TEXT, signer);
    expect(verifiedBy(parseNote(note.replace('answer', 'answers')), signer.verifier)).toHaveLength(0);
    const impostor = generateSignerKey('PeterNeumann');
    expect(verifiedBy(parseNote(signNote(GO_TEXT, impostor)), signer.verifier)).toHaveLength(0);
  });

  it('refuses malformed keys, naming what is wrong', () => {
    expect(() => parseVerifierKey('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toThrow(
      /key hash does not match/,
    );
    expect(() => parseVerifierKey('Peter Neumann+c74f20a3+ARpc')).toThrow(NoteKeyError);
    expect(() => parseSignerKey(GO_VERIFIER)).toThrow(/not a note signer key/);
    expect(() => generateSignerKey('has+plus')).toThrow(/cannot name a key/);
  });
});

describe('checkpoints and cosignatures (C2SP tlog-checkpoint, tlog-cosignature)', () => {
  const origin = 'registry.example.kz/compliance';
  const log = generateSignerKey(origin);
  const text = checkpointText({ origin, size: 3, root: leafHash('x') });

  it('writes origin, size and base64 root one a line, and reads them back', () => {
    expect(text).toBe(`${origin}\n3\n${leafHash('x').toString('base64')}\n`);
    expect(parseCheckpointText(text)).toEqual({ origin, size: 3, root: leafHash('x') });
    expect(() => parseCheckpointText(`${origin}\n03\n${leafHash('x').toString('base64')}\n`)).toThrow(/tree size/);
    expect(() => parseCheckpointText(`${origin}\n3\nAAAA\n`)).toThrow(/root hash/);
  });

  it('opens a checkpoint only with the log key that signed it and names the origin', () => {
    const note = signNote(text, log);
    expect(openCheckpoint(note, log.verifier).size).toBe(3);
    expect(() => openCheckpoint(note, generateSignerKey(origin).verifier)).toThrow(/no valid signature/);
    const other = generateSignerKey('elsewhere.example/log');
    expect(() => openCheckpoint(signNote(text, other), other.verifier)).toThrow(/is of registry.example.kz/);
  });

  it("verifies a witness's timestamped cosignature (key id with type 0x04, message cosignature/v1)", () => {
    const witness = generateSignerKey('witness.example.org/w1', COSIGNATURE_V1);
    const note = signNote(text, log) + cosignatureLine(text, witness, 1_700_000_000n);
    const parsed = parseNote(note);
    expect(parsed.signatures).toHaveLength(2);
    expect(verifiedBy(parsed, witness.verifier)).toHaveLength(1);
    expect(verifiedBy(parsed, log.verifier)).toHaveLength(1);
    const [name, id] = witness.verifier.text.split('+');
    const key = witness.verifier.text.slice(name.length + id.length + 2);
    expect([name, id]).toEqual(['witness.example.org/w1', witness.verifier.id.toString('hex')]);
    expect(Buffer.from(key, 'base64')[0]).toBe(COSIGNATURE_V1);
    // the same signature under another time does not verify: the time is signed
    const line = parsed.signatures[1];
    const restamped = Buffer.from(line.signature);
    restamped.writeBigUInt64BE(1_700_000_001n);
    const forged = `${signNote(text, log)}— ${line.name} ${Buffer.concat([line.id, restamped]).toString('base64')}\n`;
    expect(verifiedBy(parseNote(forged), witness.verifier)).toHaveLength(0);
  });
});
