import { KAZAKHSTAN_OFFSET } from './business-date.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const OFFSET_MS = Number(KAZAKHSTAN_OFFSET.slice(1, 3)) * 60 * 60 * 1000;

/**
 * The instant `months` calendar months before `instant`, counted on Kazakhstan's calendar;
 * a day that does not exist in the target month is clamped to its last day (31 March minus
 * one month is 28 or 29 February).
 */
export function monthsBefore(instant: number, months: number): number {
  const local = new Date(instant + OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() - months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = ((month % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const shifted = Date.UTC(
    targetYear,
    targetMonth,
    day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return shifted - OFFSET_MS;
}

export function daysBetween(from: number, to: number): number {
  return (to - from) / DAY_MS;
}
