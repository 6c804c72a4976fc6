import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/**
 * Signature types of C2SP signed-note keys: 0x01 an Ed25519 note signature (a log's checkpoint),
 * 0x04 an Ed25519 timestamped cosignature (C2SP tlog-cosignature, a witness's).
 */
export const ED25519 = 0x01;
export const COSIGNATURE_V1 = 0x04;
export type SignatureType = typeof ED25519 | typeof COSIGNATURE_V1;

/** A key's name: non-empty, no Unicode space and no plus (C2SP signed-note). */
export function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u.test(name);
}

/** `SHA-256(name || 0x0A || type || public key)[:4]`: how a signature line names its key. */
export function keyId(name: string, type: SignatureType, publicKey: Buffer): Buffer {
  return createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([type]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** A public key as a note verifier needs it: `name+hex(key id)+base64(type || key)` (a vkey). */
export interface VerifierKey {
  readonly name: string;
  readonly type: SignatureType;
  readonly id: Buffer;
  readonly publicKey: KeyObject;
  /** The encoded vkey. */
  readonly text: string;
}

/** A private key in the Go note format `PRIVATE+KEY+name+hex(key id)+base64(type || seed)`. */
export interface SignerKey {
  readonly name: string;
  readonly type: SignatureType;
  readonly id: Buffer;
  readonly privateKey: KeyObject;
  readonly verifier: VerifierKey;
  /** The encoded private key. */
  readonly text: string;
}

export class NoteKeyError extends Error {
  override readonly name = 'NoteKeyError';
}

/** A new Ed25519 key named `name`, for notes (0x01) or cosignatures (0x04). */
export function generateSignerKey(name: string, type: SignatureType = ED25519): SignerKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  return parseSignerKey(encodeKey(['PRIVATE', 'KEY', name], type, seed, rawPublicKey(privateKey)));
}

export function parseSignerKey(text: string): SignerKey {
  // the base64 key may itself hold a plus: the name and hash are the first two fields
  const parts = /^PRIVATE\+KEY\+([^+]*)\+([^+]*)\+(.*)$/s.exec(text.trim());
  if (parts === null) throw new NoteKeyError('not a note signer key (PRIVATE+KEY+name+hash+key)');
  const { name, type, id, material } = decodeKey(parts.slice(1));
  const privateKey = ed25519PrivateKey(material);
  const publicKey = rawPublicKey(privateKey);
  if (!keyId(name, type, publicKey).equals(id)) throw new NoteKeyError('its key hash does not match its key');
  return { name, type, id, privateKey, verifier: verifierOf(name, type, publicKey), text: text.trim() };
}

export function parseVerifierKey(text: string): VerifierKey {
  const parts = /^([^+]*)\+([^+]*)\+(.*)$/s.exec(text.trim());
  if (parts === null) throw new NoteKeyError('not a note verifier key (name+hash+key)');
  const { name, type, id, material } = decodeKey(parts.slice(1));
  if (material.length !== 32) throw new NoteKeyError('an Ed25519 public key has 32 bytes');
  if (!keyId(name, type, material).equals(id)) throw new NoteKeyError('its key hash does not match its key');
  return verifierOf(name, type, material);
}

function verifierOf(name: string, type: SignatureType, publicKey: Buffer): VerifierKey {
  return {
    name,
    type,
    id: keyId(name, type, publicKey),
    publicKey: createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') },
      format: 'jwk',
    }),
    text: encodeKey([name], type, publicKey, publicKey),
  };
}

function encodeKey(prefix: string[], type: SignatureType, material: Buffer, publicKey: Buffer): string {
  const name = prefix[prefix.length - 1];
  if (!isKeyName(name)) throw new NoteKeyError(`"${name}" cannot name a key: no spaces and no +`);
  const id = keyId(name, type, publicKey).toString('hex');
  return [...prefix, id, Buffer.concat([Buffer.from([type]), material]).toString('base64')].join('+');
}

function decodeKey([name, hash, key]: string[]): { name: string; type: SignatureType; id: Buffer; material: Buffer } {
  if (!isKeyName(name)) throw new NoteKeyError('its name is empty or has spaces');
  if (!/^[0-9a-f]{8}$/.test(hash)) throw new NoteKeyError('its key hash is not 8 hexadecimal digits');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) throw new NoteKeyError('its key is not base64');
  const bytes = Buffer.from(key, 'base64');
  const type = bytes[0];
  if (type !== ED25519 && type !== COSIGNATURE_V1)
    throw new NoteKeyError(`signature type ${type} is not Ed25519 (1) or cosignature/v1 (4)`);
  return { name, type, id: Buffer.from(hash, 'hex'), material: bytes.subarray(1) };
}

function ed25519PrivateKey(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new NoteKeyError('an Ed25519 private key has a 32-byte seed');
  // PKCS #8 for Ed25519 (RFC 8410) is a fixed prefix and the seed
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

function rawPublicKey(privateKey: KeyObject): Buffer {
  return Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x as string, 'base64url');
}
