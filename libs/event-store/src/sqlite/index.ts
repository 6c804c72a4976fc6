export { SqliteEventStore, type SqliteEventStoreOptions, type SqliteSynchronous } from './sqlite-event-store.js';
export { GroupCommit } from './group-commit.js';
export { inWriteTransaction, migrate, MultiRowInsert } from './sqlite-support.js';
