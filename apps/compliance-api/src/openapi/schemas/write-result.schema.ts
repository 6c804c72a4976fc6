import Type from 'typebox';
import { CLOSED, eventId, position, revision } from './common.schema.js';

export const WriteResult = Type.Object(
  {
    eventId: eventId('Id of the event recorded: address it to retract or correct the fact.'),
    streamId: Type.String({
      pattern: '^entity-[0-9]{12}$',
      description: "The entity's stream: `entity-` and its BIN.",
    }),
    revision: revision(
      "The entity's revision after the write (its first event is 0); also sent as the ETag, for If-Match.",
    ),
    position: position("The event's place in the global log: pass it as minPosition to a read to see this write."),
  },
  {
    ...CLOSED,
    description: 'The fact recorded (201), or the original answer when an Idempotency-Key is replayed.',
  },
);
