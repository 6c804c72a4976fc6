export * from './identifiers/bin.js';
export * from './identifiers/iin.js';
export * from './identifiers/twelve-digit-identifier.js';
