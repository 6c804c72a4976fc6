import Type from 'typebox';
import { CLOSED } from './common.schema.js';

/** The transparency log (docs/EVENTS.md "The transparency log"): checkpoints, keys and proofs. */

const BASE64_HASH = '^[A-Za-z0-9+/]{43}=$';
const hashes = (description: string) =>
  Type.Array(Type.String({ pattern: BASE64_HASH, description: 'A SHA-256 hash of the tree, base64.' }), {
    description,
  });
const treeSize = (description: string) => Type.Integer({ minimum: 0, description });

export const CheckpointNote = Type.String({
  description:
    "A C2SP tlog-checkpoint as a C2SP signed note: the origin, the tree size and the base64 root hash, one a line; a blank line; the log's Ed25519 signature line (`— <origin> base64(key id || signature)`), then any witnesses' cosignature lines (C2SP tlog-cosignature). Verifiable with Go's golang.org/x/mod/sumdb/note and the verifier key.",
});

export const VerifierKey = Type.String({
  pattern: '^[^+\\s]+\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]+={0,2}$',
  description:
    "The log's note verifier key, `name+hex(key id)+base64(0x01 || Ed25519 public key)` (C2SP signed-note vkey).",
});

export const InclusionProof = Type.Object(
  {
    leafIndex: Type.Integer({ minimum: 0, description: "The event's leaf: its place in the log, from 0." }),
    treeSize: treeSize('The size of the tree the proof is for (a checkpoint of that size signs its root).'),
    hashes: hashes("RFC 9162 section 2.1.3 inclusion proof, from the leaf's sibling upwards."),
  },
  { ...CLOSED, description: "Proof that an event's leaf is in the tree of `treeSize` leaves." },
);

export const ConsistencyProof = Type.Object(
  { hashes: hashes('RFC 9162 section 2.1.4 consistency proof, in the order the RFC builds it.') },
  { ...CLOSED, description: 'Proof that the tree of `from` leaves is a prefix of the tree of `to` leaves.' },
);

export const CosignaturesKept = Type.Object(
  {
    treeSize: treeSize('The size of the checkpoint cosigned.'),
    witnesses: Type.Array(Type.String(), { description: 'The witnesses whose cosignatures were kept.' }),
  },
  { ...CLOSED, description: 'Cosignatures kept, now served with the checkpoint.' },
);
