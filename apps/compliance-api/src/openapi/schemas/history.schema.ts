import Type from 'typebox';
import { COMPLIANCE_EVENT_TYPES } from '#domain';
import { ROLES } from '../../access/roles.js';
import { CLOSED, eventId, position, revision, text, timestamp, vocabulary } from './common.schema.js';

/** Events exactly as stored, for auditors: what the hash chain covers, so it can be recomputed offline. */

const SHA256_HEX = '^[0-9a-f]{64}$';

const eventType = () =>
  vocabulary(
    COMPLIANCE_EVENT_TYPES,
    'The fact the event records (docs/EVENTS.md); its data has the shape of that fact.',
  );

/**
 * Event data is left open: its shape depends on the type and on the schema version it was
 * written in (an old event is shown as stored, never upcast), so no one schema describes it.
 */
const EventData = Type.Object(
  {},
  {
    additionalProperties: true,
    description:
      "The fact's data exactly as stored, in the schema version named by `metadata.schemaVersion`: the body of the endpoint that recorded it, with the identifiers its path gave.",
  },
);

const recording = {
  schemaVersion: Type.Integer({ minimum: 1, description: 'Schema version of the data, as written.' }),
  recordedBy: Type.Object(
    {
      id: text('Id of the API key.'),
      role: vocabulary(ROLES, "The key's role."),
    },
    { ...CLOSED, description: 'Who recorded the event: the API key.' },
  ),
  correlationId: text('From the X-Correlation-Id header of the request, or the request id when none was sent.'),
  causationId: text('Id of the request that recorded the event.'),
  idempotency: Type.Optional(
    Type.Object(
      {
        key: text('The Idempotency-Key header of the request.'),
        fingerprint: Type.String({
          pattern: SHA256_HEX,
          description: 'SHA-256 (hex) of the canonical request the key was first sent with.',
        }),
      },
      { ...CLOSED, description: 'Present when the write was sent with an Idempotency-Key.' },
    ),
  ),
};

const chain = {
  prevHash: Type.String({
    pattern: SHA256_HEX,
    description: 'Hash of the previous event of the stream; 64 zeros for the first.',
  }),
  hash: Type.String({
    pattern: SHA256_HEX,
    description:
      'SHA-256 (hex) of prevHash followed by the RFC 8785 canonical JSON of the event without its hash (docs/EVENTS.md).',
  }),
};

const recordedAt = () => timestamp('When the event was recorded (system time, UTC).');

export const StoredEvent = Type.Object(
  {
    eventId: eventId(),
    type: eventType(),
    revision: revision("The event's place in the entity's stream, from 0."),
    position: position("The event's place in the global log."),
    recordedAt: recordedAt(),
    data: EventData,
    metadata: Type.Object(recording, {
      ...CLOSED,
      description: 'The rest of the envelope (recordedAt and the hashes are lifted out beside it).',
    }),
    ...chain,
    retractedBy: Type.Optional(eventId('The FactRetracted event that retracted this fact; absent when not retracted.')),
    correctedBy: Type.Optional(
      Type.Array(eventId(), {
        minItems: 1,
        description:
          'The FactCorrected events that corrected this fact, in order (the last one wins); absent when never corrected.',
      }),
    ),
  },
  {
    ...CLOSED,
    description:
      'An event as recorded, never rewritten; a fact retracted or corrected since is marked with the events that did it.',
  },
);

export const HistoryPage = Type.Object(
  {
    events: Type.Array(StoredEvent, { description: "The entity's events, in revision order." }),
    next: Type.Optional(
      Type.String({
        description: 'Opaque cursor of the next page: send it back as `cursor`. Absent on the last page.',
      }),
    ),
  },
  { ...CLOSED, description: "A page of an entity's history." },
);

export const ExportLine = Type.Object(
  {
    streamId: Type.String({
      pattern: '^entity-[0-9]{12}$',
      description: "The entity's stream: `entity-` and its BIN.",
    }),
    revision: revision("The event's place in its stream, from 0."),
    eventId: eventId(),
    type: eventType(),
    position: position("The event's place in the global log."),
    data: EventData,
    metadata: Type.Object(
      { ...recording, recordedAt: recordedAt(), ...chain },
      { ...CLOSED, description: 'The envelope, as stored and hashed.' },
    ),
    leafIndex: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: "The event's leaf in the log's Merkle tree: its place in the log, from 0.",
      }),
    ),
    treeSize: Type.Optional(
      Type.Integer({ minimum: 1, description: 'With `treeSize` asked: the size of the tree `inclusionProof` is for.' }),
    ),
    inclusionProof: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' }), {
        description:
          "With `treeSize` asked, in one entity's export: the RFC 9162 inclusion proof of the leaf in the tree of `treeSize` leaves, base64 hashes (verify --file ... --checkpoint checks it offline).",
      }),
    ),
  },
  {
    ...CLOSED,
    description:
      "One line of the NDJSON export: everything needed to recompute the hash chain offline (group the lines by streamId), and the event's place in the log's Merkle tree.",
  },
);
