import Type from 'typebox';
import { RULE_NAMES } from '#domain';
import { HTTP_PROBLEMS, type ProblemName } from '../../http/problem-details/problem-catalogue.js';
import { problemType } from '../../http/problem-details/problem.js';
import { eventId, explained, text, vocabulary } from './common.schema.js';
import { QUARANTINE_CODES } from './entity.schema.js';

/** Every problem type the service answers with: the HTTP layer's catalogue and the rules of the record. */
const PROBLEM_NAMES: readonly ProblemName[] = [...(Object.keys(HTTP_PROBLEMS) as ProblemName[]), ...RULE_NAMES];

const FieldError = Type.Object(
  {
    field: text(
      'Dotted path of the offending field (`expiresOn`, `data.certificateId`, `bins`), a header (`If-Match`), or `(body)`.',
    ),
    message: text('What is wrong with it.'),
  },
  { additionalProperties: false, description: 'One offending field of the request.' },
);

/**
 * An RFC 9457 problem document. Open to extension members, as RFC 9457 allows, but every
 * member the service sends is typed here.
 */
export const Problem = Type.Object(
  {
    type: vocabulary(
      PROBLEM_NAMES.map(problemType),
      'Stable URN of the problem, `urn:compliance-engine:problem:<name>`: branch on it (docs/API.md lists every one).',
    ),
    title: text('Short summary of the problem type; the same for every occurrence of it.'),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status of the answer.' }),
    detail: Type.Optional(text('What happened this time, with the values involved.')),
    instance: Type.Optional(
      text(
        'The request path and query this problem answers (an IIN in it masked). Absent when the HTTP parser refused the request before it could be read (a malformed request line, headers too large, a body too slow).',
      ),
    ),
    errors: Type.Optional(
      Type.Array(FieldError, {
        minItems: 1,
        description: 'For `validation-failed` and a rule broken by one field of the request: each offending field.',
      }),
    ),
    rule: Type.Optional(vocabulary(RULE_NAMES, "For a rule of the record: its name, the last part of the type's URN.")),
    currentRevision: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
        description:
          "For `revision-mismatch`: the entity's revision now (send it in If-Match after reading again); null when the entity has no events.",
      }),
    ),
    dependents: Type.Optional(
      Type.Array(eventId(), {
        minItems: 1,
        description: 'For `fact-has-dependents`: the later facts that rest on this one; retract them first.',
      }),
    ),
    code: Type.Optional(
      explained(
        QUARANTINE_CODES,
        "For `entity-quarantined`: what the read models found wrong with the entity's stream.",
      ),
    ),
  },
  {
    additionalProperties: true,
    description:
      'An error, as application/problem+json (RFC 9457). Members beyond these may be added in later versions: ignore the ones you do not know.',
  },
);
