import { Body, Controller, Param } from '@nestjs/common';
import { OfficerWrites } from '../../access/access.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { EntityPath } from '../entities/entity.requests.js';
import { FactRecorder, PostFact } from '../fact-recorder.js';
import { Write, type WriteRequest } from '../write-context.js';
import { GiftPath, HandOverGiftRequest, RecordGiftBanViolationRequest, ReportGiftRequest } from './gift.requests.js';

@OfficerWrites()
@ApiTags('gifts')
@Controller('v1/entities/:bin')
export class GiftsController {
  constructor(private readonly facts: FactRecorder) {}

  @PostFact('gifts', 'Record a gift reported by its recipient')
  report(@Param() { bin }: EntityPath, @Body() body: ReportGiftRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'ReportGift', body, write);
  }

  @PostFact('gifts/:giftId/hand-over', 'Record that a reported gift was handed over')
  handOver(@Param() { bin, giftId }: GiftPath, @Body() body: HandOverGiftRequest, @Write() write: WriteRequest) {
    return this.facts.record(bin, 'HandOverGift', { giftId, ...body }, write);
  }

  @PostFact('gift-ban-violations', 'Record a violation of the gift ban')
  recordViolation(
    @Param() { bin }: EntityPath,
    @Body() body: RecordGiftBanViolationRequest,
    @Write() write: WriteRequest,
  ) {
    return this.facts.record(bin, 'RecordGiftBanViolation', body, write);
  }
}
