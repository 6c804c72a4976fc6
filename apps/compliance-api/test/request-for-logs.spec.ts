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
  ])('masks any IIN in %s, keeping BINs of entities', (url, logged) => {
    expect(maskPersonalData(url)).toBe(logged);
  });
});
