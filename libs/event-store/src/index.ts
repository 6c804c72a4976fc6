export * from './event-store.port.js';
export * from './expected-revision.js';
export * from './errors.js';
export * from './position.js';
export * from './event-id.js';
