import type { Static } from 'typebox';
import { Caller } from './caller.schema.js';
import { EntityProfile, Integrity, ScoreCard, ScoreHistoryPage } from './entity.schema.js';
import { Health, HealthUnavailable } from './health.schema.js';
import { ExportLine, HistoryPage, StoredEvent } from './history.schema.js';
import { Problem } from './problem.schema.js';
import {
  RegisterChange,
  RegisterChangesPage,
  RegisterListItem,
  RegisterListPage,
  RegisterLookup,
  RegisterLookupItem,
  RegisterView,
} from './register.schema.js';
import {
  CheckpointNote,
  ConsistencyProof,
  CosignaturesKept,
  InclusionProof,
  VerifierKey,
} from './transparency.schema.js';
import { WriteResult } from './write-result.schema.js';

/**
 * The JSON Schema (2020-12, the OpenAPI 3.1 dialect) of every response body of the API, by the
 * name of its component in the OpenAPI document. Each is self-contained (no `$ref`).
 */
export const RESPONSE_SCHEMAS = {
  Problem,
  WriteResult,
  RegisterView,
  RegisterLookupItem,
  RegisterLookup,
  RegisterListItem,
  RegisterListPage,
  RegisterChange,
  RegisterChangesPage,
  EntityProfile,
  ScoreCard,
  ScoreHistoryPage,
  Integrity,
  StoredEvent,
  HistoryPage,
  ExportLine,
  Health,
  HealthUnavailable,
  Caller,
  CheckpointNote,
  VerifierKey,
  InclusionProof,
  ConsistencyProof,
  CosignaturesKept,
} as const;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

export type Problem = Static<typeof Problem>;
export type WriteResult = Static<typeof WriteResult>;
export type RegisterView = Static<typeof RegisterView>;
export type RegisterLookupItem = Static<typeof RegisterLookupItem>;
export type RegisterLookup = Static<typeof RegisterLookup>;
export type RegisterListItem = Static<typeof RegisterListItem>;
export type RegisterListPage = Static<typeof RegisterListPage>;
export type RegisterChange = Static<typeof RegisterChange>;
export type RegisterChangesPage = Static<typeof RegisterChangesPage>;
export type EntityProfile = Static<typeof EntityProfile>;
export type ScoreCard = Static<typeof ScoreCard>;
export type ScoreHistoryPage = Static<typeof ScoreHistoryPage>;
export type Integrity = Static<typeof Integrity>;
export type StoredEvent = Static<typeof StoredEvent>;
export type HistoryPage = Static<typeof HistoryPage>;
export type ExportLine = Static<typeof ExportLine>;
export type Health = Static<typeof Health>;
export type HealthUnavailable = Static<typeof HealthUnavailable>;
export type Caller = Static<typeof Caller>;
export type InclusionProof = Static<typeof InclusionProof>;
export type ConsistencyProof = Static<typeof ConsistencyProof>;
export type CosignaturesKept = Static<typeof CosignaturesKept>;
