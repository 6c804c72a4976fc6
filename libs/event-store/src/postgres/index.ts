export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export { postgresUnavailable } from './probe.js';
export { isSchemaName } from './schema.js';
