import { describe, expect, it } from '@jest/globals';
import { maskPersonalData } from '../src/http/request-for-logs.js';

describe('request logs', () => {
  it.each([
    [
      '/v1/entities/081140000436/heads/860311300524/dismissal',
      '/v1/entities/081140000436/heads/860311******/dismissal',
    ],
    [
      '/v1/entities/081140000436/heads/%38%36%30311300524/dismissal',
      '/v1/entities/081140000436/heads/860311******/dismissal',
    ],
    ['//v1//people/860311300524', '//v1//people/860311******'],
    ['/v1/register/081140000436?iin=860311300524', '/v1/register/081140000436?iin=860311******'],
    ['/v1/entities/%ZZ/860311300524', '/v1/entities/%ZZ/860311******'],
    // an individual entrepreneur's BIN is its owner's IIN
    ['/v1/register/860311300524', '/v1/register/860311******'],
    ['/v1/entities/860311300524/events', '/v1/entities/860311******/events'],
    ['/v1/audit/export?bin=860311300524', '/v1/audit/export?bin=860311******'],
    ['/v1/register/0811400004361', '/v1/register/0811400004361'], // not twelve digits: no identifier
  ])('masks any IIN in %s, keeping BINs of legal entities', (url, logged) => {
    expect(maskPersonalData(url)).toBe(logged);
  });
});
