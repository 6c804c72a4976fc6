export { SqliteEventStore, type SqliteEventStoreOptions, type SqliteSynchronous } from './sqlite-event-store.js';
export { inWriteTransaction, migrate } from './sqlite-support.js';
