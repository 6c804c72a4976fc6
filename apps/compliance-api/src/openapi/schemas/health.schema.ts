import Type from 'typebox';
import { CLOSED, count, nullable, position, text, vocabulary } from './common.schema.js';

/**
 * The readiness report of GET /health, in @nestjs/terminus's shape: `info` holds the indicators
 * that are up, `error` those that are down, `details` all of them. Terminus always sends all three.
 */

const up = Type.Literal('up');
const down = Type.Literal('down');

const store = vocabulary(
  ['sqlite', 'postgres', 'eventstoredb'],
  'Which event store keeps the log: the embedded SQLite file, PostgreSQL (DATABASE_URL) or EventStoreDB (EVENTSTORE_CONNECTION_STRING).',
);

const EventStoreUp = Type.Object(
  {
    status: up,
    store,
    headPosition: nullable(
      position('Position of the last event in the log.'),
      'Position of the last event in the log; null while it is empty.',
    ),
  },
  { ...CLOSED, description: 'The event store answers.' },
);

const EventStoreDown = Type.Object(
  { status: down, store, message: text('Why the event store did not answer.') },
  { ...CLOSED, description: 'The event store does not answer.' },
);

const readModelsState = {
  checkpoint: nullable(
    position('The last log position the read models include.'),
    'The last log position the read models include; null before the first event.',
  ),
  lagSeconds: nullable(
    Type.Number({
      minimum: 0,
      description:
        'How long ago the oldest event the read models have not applied was committed: 0 when they include the whole log.',
    }),
    'How far the read models lag behind the log, in seconds; null while the event store does not answer.',
  ),
  quarantinedEntities: count(
    'Entities set aside because the log handed the read models a damaged stream: served as withheld, they do not make the service unready.',
  ),
};

const ReadModelsUp = Type.Object(
  { ...readModelsState, status: up },
  { ...CLOSED, description: 'The read models have caught up with the log.' },
);

const ReadModelsDown = Type.Object(
  {
    ...readModelsState,
    status: down,
    message: text('Catching up with the log, or retrying after a failure (the failure itself is in the logs).'),
  },
  { ...CLOSED, description: 'The read models are behind the log.' },
);

const allUp = { eventStore: EventStoreUp, readModels: ReadModelsUp };

export const Health = Type.Object(
  {
    status: Type.Literal('ok', { description: 'Ready to serve.' }),
    info: Type.Object(allUp, { ...CLOSED, description: 'Every indicator, all up.' }),
    error: Type.Object({}, { ...CLOSED, description: 'Always empty when ready.' }),
    details: Type.Object(allUp, { ...CLOSED, description: 'Every indicator.' }),
  },
  { ...CLOSED, description: 'Ready: the event store answers and the read models have caught up (200).' },
);

export const HealthUnavailable = Type.Object(
  {
    status: vocabulary(
      ['error', 'shutting_down'],
      '`error`: an indicator is down; `shutting_down`: the service is stopping.',
    ),
    info: Type.Object(
      { eventStore: Type.Optional(EventStoreUp), readModels: Type.Optional(ReadModelsUp) },
      { ...CLOSED, description: 'The indicators that are up.' },
    ),
    error: Type.Object(
      { eventStore: Type.Optional(EventStoreDown), readModels: Type.Optional(ReadModelsDown) },
      { ...CLOSED, description: 'The indicators that are down.' },
    ),
    details: Type.Object(
      {
        eventStore: Type.Union([EventStoreUp, EventStoreDown]),
        readModels: Type.Union([ReadModelsUp, ReadModelsDown]),
      },
      { ...CLOSED, description: 'Every indicator.' },
    ),
  },
  { ...CLOSED, description: 'Not ready, or stopping (503): which indicator is down, and why.' },
);
