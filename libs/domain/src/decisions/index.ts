export * from './commands.js';
export * from './decide-each.js';
export * from './decide.js';
export * from './rule-catalogue.js';
export * from './rule-violation.js';
export { amendableFact } from './rules/amendment.rules.js';
