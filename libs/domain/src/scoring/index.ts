export * from './lifetime-ban.js';
export * from './methodology.js';
export * from './points.js';
export * from './score-card.js';
export * from './score-entity.js';
export * from './score-timeline.js';
export * from './scoring-facts.js';
