import { describe, expect, it } from '@jest/globals';
import { certificateIssuedV1ToV2, complianceUpcasters, UpcasterRegistry } from '#event-log';

describe('upcasters', () => {
  it('splits the v1 standard code into standard and edition', () => {
    expect(certificateIssuedV1ToV2({ standard: 'ISO_37001_2025', certificateId: 'c' })).toEqual({
      standard: 'ISO_37001',
      edition: '2025',
      certificateId: 'c',
    });
    expect(certificateIssuedV1ToV2({ standard: 'ST_RK_3049' })).toEqual({ standard: 'ST_RK_3049' });
  });

  it('knows the current version of each type and passes current data through untouched', () => {
    const registry = complianceUpcasters();
    expect(registry.currentVersion('CertificateIssued')).toBe(2);
    expect(registry.currentVersion('GiftReported')).toBe(1);
    const data = { standard: 'ISO_37001', edition: '2016' };
    expect(registry.upcast('CertificateIssued', 2, data)).toBe(data);
  });

  it('chains steps across several versions and refuses versions it does not know', () => {
    const registry = new UpcasterRegistry()
      .register('GiftReported', 1, (d) => ({ ...d, v2: true }))
      .register('GiftReported', 2, (d) => ({ ...d, v3: true }));
    expect(registry.upcast('GiftReported', 1, { a: 1 })).toEqual({ a: 1, v2: true, v3: true });
    expect(() => registry.upcast('GiftReported', 4, {})).toThrow(/newer than this build/);
    expect(() => registry.register('GiftReported', 1, (d) => d)).toThrow(/already has an upcaster/);
  });
});
