export { EventStoreDbEventStore } from './esdb-event-store.js';
