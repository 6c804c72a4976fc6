export * from './commands.js';
export * from './decide.js';
export * from './events.js';
export * from './rule-violation.js';
export * from './state.js';
export * from './vocabulary.js';
