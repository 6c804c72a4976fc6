export * from './canonical-json.js';
export * from './chain-verifier.js';
export * from './compliance-event-log.js';
export * from './entity-stream.js';
export * from './event-metadata.js';
export * from './hash-chain.js';
export * from './keyed-event-id.js';
export * from './upcasters.js';
