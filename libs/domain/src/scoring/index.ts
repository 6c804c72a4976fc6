export * from './calendar.js';
export * from './methodology.js';
export * from './score-card.js';
export * from './score-entity.js';
export * from './scoring-facts.js';
