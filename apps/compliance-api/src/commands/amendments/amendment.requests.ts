import { IsObject, Matches } from 'class-validator';
import { EntityPath } from '../entities/entity.requests.js';
import { IsHappenedOn, IsOptional, IsText, MAX_TEXT } from '../../http/validation/field-decorators.js';

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class EventPath extends EntityPath {
  /** The id of a fact in the entity's history (`GET /v1/entities/{bin}/events`). */
  @Matches(EVENT_ID, { message: 'eventId must be an event id (a UUID)' }) eventId!: string;
}

export class RetractionRequest {
  /** Why the fact was recorded in error. */
  @IsText(MAX_TEXT) reason!: string;
  /** When the error was established (business date); informative. */
  @IsOptional() @IsHappenedOn() retractedOn?: string;
}

export class CorrectionRequest {
  /** Why the fact is corrected. */
  @IsText(MAX_TEXT) reason!: string;
  /**
   * The complete corrected body of the fact, as the endpoint that recorded it takes it (its
   * identifiers unchanged); checked by the same rules, its errors named `data.<field>`.
   */
  @IsObject() data!: Record<string, unknown>;
}
