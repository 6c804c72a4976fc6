import { EntityPath } from '../entities/entity.requests.js';
import {
  Describe,
  IsEventId,
  IsFactBody,
  IsHappenedOn,
  IsOptional,
  IsText,
  MAX_TEXT,
} from '../../http/validation/field-decorators.js';
import { CORRECTION_REQUESTS } from './correction-bodies.js';

export class EventPath extends EntityPath {
  @Describe("The id of a fact in the entity's history (`GET /v1/entities/{bin}/events`)")
  @IsEventId()
  eventId!: string;
}

export class RetractionRequest {
  @IsText(MAX_TEXT, 'Why the fact was recorded in error') reason!: string;
  @Describe('When the error was established (business date); informative')
  @IsOptional()
  @IsHappenedOn()
  retractedOn?: string;
}

export class CorrectionRequest {
  @IsText(MAX_TEXT, 'Why the fact is corrected') reason!: string;
  @IsFactBody(
    CORRECTION_REQUESTS,
    'The complete corrected body of the fact, as the endpoint that recorded it takes it (without what that endpoint takes from its path), its identifiers unchanged; checked by the same rules, its errors named `data.<field>`',
  )
  data!: Record<string, unknown>;
}
