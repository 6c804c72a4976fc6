import Type from 'typebox';
import { ROLES } from '../../access/roles.js';
import { bin, CLOSED, text, vocabulary } from './common.schema.js';

/** GET /v1/me: who the API key of the request belongs to, so a client can show what it may do. */
export const Caller = Type.Object(
  {
    id: text("The key's id, as the keys file names it and as events record it (`recordedBy`)."),
    role: vocabulary(ROLES, "The key's role, which decides what it may call (`x-roles` of each operation)."),
    bins: Type.Array(bin('A BIN the officer key lists.'), {
      description:
        'The BINs an officer key lists, sorted (it also covers their subsidiaries, at any depth); empty for every other role.',
    }),
  },
  { ...CLOSED, description: 'Who the API key belongs to.' },
);
