export * from './compliance-record/index.js';
export * from './identifiers/bin.js';
export * from './identifiers/iin.js';
export * from './identifiers/twelve-digit-identifier.js';
export * from './time/business-date.js';
export * from './scoring/index.js';
export * from './register/register-view.js';
export * from './profile/entity-profile.js';
