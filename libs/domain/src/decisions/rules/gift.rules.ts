import { violation } from '../rule-violation.js';
import { notBefore, type Rules } from './rule.js';

export const reportGift: Rules<'ReportGift'> = (data, record) =>
  record.gifts.has(data.giftId)
    ? violation('gift-already-reported', `Gift ${data.giftId} is already recorded`)
    : undefined;

export const handOverGift: Rules<'HandOverGift'> = (data, record) => {
  const gift = record.gifts.get(data.giftId);
  if (!gift) return violation('gift-not-found', `No gift ${data.giftId} is recorded`);
  if (gift.handOver) return violation('gift-already-handed-over', `Gift ${data.giftId} was already handed over`);
  return notBefore('handedOverOn', data.handedOverOn, gift.reported.data.receivedOn, 'the receipt on');
};

export const recordGiftBanViolation: Rules<'RecordGiftBanViolation'> = () => undefined;
