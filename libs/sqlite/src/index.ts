export * from './group-commit.js';
export * from './migrations.js';
export * from './multi-row-insert.js';
export * from './open-database.js';
export * from './transactions.js';
