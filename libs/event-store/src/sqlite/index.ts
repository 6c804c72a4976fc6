export { SqliteEventStore, type SqliteEventStoreOptions, type SqliteSynchronous } from './sqlite-event-store.js';
