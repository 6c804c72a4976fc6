import { RULE_CATALOGUE, type RuleName } from '#domain';

/**
 * Every problem the service answers with that is not a rule of the record (those are the
 * domain's RULE_CATALOGUE): its status, title, and when it is answered. One catalogue: problem
 * documents take their status and title from it, and docs/API.md's error tables are generated
 * from it (a test holds them equal).
 */
export const HTTP_PROBLEMS = {
  'malformed-request': {
    status: 400,
    title: 'The request could not be read',
    when: 'malformed JSON, a body that is not an object, a malformed header or URL',
  },
  'validation-failed': {
    status: 400,
    title: 'The request is not valid',
    when: 'a missing or invalid field, an unknown field or query parameter; `errors` lists `{ field, message }` for each',
  },
  unauthenticated: {
    status: 401,
    title: 'An API key is required',
    when: 'no API key, or one the service does not know (with `WWW-Authenticate: Bearer`)',
  },
  forbidden: {
    status: 403,
    title: 'This key may not do that',
    when: "a role that may not use the endpoint, or an entity outside an officer key's holdings",
  },
  'not-found': {
    status: 404,
    title: 'Not Found',
    when: 'no such route, or no such file of the console under `/console/assets/`',
  },
  'checkpoint-not-kept': {
    status: 404,
    title: 'The log signed no checkpoint of that size',
    when: 'a tree size no checkpoint was signed at (`GET /v1/transparency/checkpoint` is the latest)',
  },
  'event-not-in-tree': {
    status: 404,
    title: 'The event is not in that tree',
    when: "an inclusion proof for an event the log's tree does not hold, or holds beyond the tree size asked",
  },
  'method-not-allowed': {
    status: 405,
    title: 'The path does not answer this method',
    when: 'a path that exists, with a method it does not answer; `Allow` lists those it does',
  },
  'request-timeout': {
    status: 408,
    title: 'The request took too long to arrive',
    when: 'the request was not received in full within 30 s',
  },
  'revision-mismatch': {
    status: 412,
    title: 'The entity has changed since the revision in If-Match',
    when: '`If-Match` names a revision the entity is no longer (or not yet) at; `currentRevision` says where it is',
  },
  'body-too-large': { status: 413, title: 'The request body is larger than 1 MiB', when: 'the body is over 1 MiB' },
  'uri-too-long': { status: 414, title: 'URI Too Long', when: 'a path segment is over 100 characters' },
  'unsupported-media-type': {
    status: 415,
    title: 'Send the body as application/json',
    when: 'the body is not sent as `application/json`',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key already used for another request',
    when: 'an `Idempotency-Key` is reused with a different method, path or body',
  },
  'cosignature-refused': {
    status: 422,
    title: 'No cosignature of a known witness on a checkpoint this log signed',
    when: 'a cosigned checkpoint whose text this log never signed, or with no cosignature that verifies with a key of `WITNESS_KEYS`',
  },
  'too-many-requests': {
    status: 429,
    title: 'Too many requests for this key, or from this address without one',
    when: "over the key's rate limit (or, reading the register without a key in public register mode, the address's), with `Retry-After`",
  },
  'too-many-streams': {
    status: 429,
    title: 'Too many open change streams for this key or address',
    when: 'a `follow=true` stream beyond the streams one key (`STREAMS_PER_KEY`) or one address (`STREAMS_PER_ADDRESS`) may hold open, with `Retry-After`',
  },
  'headers-too-large': {
    status: 431,
    title: 'The request headers are too large',
    when: 'the request headers are over the server limit',
  },
  'internal-error': {
    status: 500,
    title: 'Internal Server Error',
    when: 'a failure of the service, logged; the answer says nothing of internals',
  },
  'read-models-behind': {
    status: 503,
    title: 'The read models have not reached that position yet',
    when: '`minPosition` not reached within about 2 s, with `Retry-After`',
  },
  'write-contention': {
    status: 503,
    title: 'Too many concurrent writes to this entity',
    when: 'more than 100 writers raced on one entity at once; retry after `Retry-After`',
  },
  'entity-quarantined': {
    status: 503,
    title: 'This entity is withheld: its record in the log is damaged',
    when: "the entity's stream in the log does not continue where the read models left it (an event removed, replaced or damaged); its integrity answer names the problem; nothing derived from it is served and no fact is recorded until an operator rebuilds",
  },
  'http-error': {
    status: 400,
    title: 'The request was refused',
    when: 'any other refusal of the HTTP layer, with the status it chose',
  },
} as const satisfies Record<string, { readonly status: number; readonly title: string; readonly when: string }>;

export type HttpProblemName = keyof typeof HTTP_PROBLEMS;

/** The name of every problem type the service answers with: a closed set. */
export type ProblemName = HttpProblemName | RuleName;

/** The status each kind of broken rule is answered with. */
export const RULE_STATUS = { not_found: 404, conflict: 409, invalid: 400 } as const;

/** The status and title of a problem type, from its catalogue. */
export function catalogued(name: ProblemName): { status: number; title: string } {
  if (Object.hasOwn(HTTP_PROBLEMS, name)) return HTTP_PROBLEMS[name as HttpProblemName];
  const rule = RULE_CATALOGUE[name as RuleName];
  return { status: RULE_STATUS[rule.kind], title: rule.title };
}
