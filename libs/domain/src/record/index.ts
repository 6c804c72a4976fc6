export * from './certificate.js';
export * from './declaration.js';
export * from './entity-details.js';
export * from './entity-record.js';
export * from './gift.js';
export * from './history.js';
export * from './offence.js';
