export * from './entity-records.js';
export * from './errors.js';
export * from './holding-scope.js';
export * from './record-fact.js';
