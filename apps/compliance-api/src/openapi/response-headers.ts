import type { HeaderObject } from '@nestjs/swagger';

const integer = { type: 'integer', minimum: 0 } as const;

/** The headers the API answers with, as components of the document (operations refer to them). */
export const RESPONSE_HEADERS: Record<string, HeaderObject> = {
  ETag: {
    description: 'The entity\'s revision after the write, quoted (`"4"`): send it back in If-Match',
    required: true,
    schema: { type: 'string', pattern: '^"[0-9]+"$' },
  },
  'Idempotent-Replayed': {
    description: 'Present, as `true`, when the answer is the original one of an Idempotency-Key seen before',
    schema: { type: 'string', enum: ['true'] },
  },
  'WWW-Authenticate': {
    description: 'The scheme to authenticate with: `Bearer`',
    required: true,
    schema: { type: 'string', enum: ['Bearer'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before trying again',
    required: true,
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'Retry-After-When-Worth-It': {
    description:
      'Seconds to wait before trying again, when waiting helps (read models behind, contention); absent for an entity set aside',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  'Log-Size': {
    description:
      'How many events of the log the answer was computed from: a checkpoint of at least that size (GET /v1/transparency/checkpoint) covers every event it rests on',
    required: true,
    schema: integer,
  },
  'X-RateLimit-Limit': { description: 'Requests a minute allowed to the key (or address)', schema: integer },
  'X-RateLimit-Remaining': { description: 'Requests left in the current minute', schema: integer },
  'X-RateLimit-Reset': { description: 'Seconds until the allowance is whole again', schema: integer },
};
