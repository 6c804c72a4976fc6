import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { withCheckDigit, type ComplianceEvent } from '#domain';
import { ProjectionSpec } from './support/projection-spec.js';

const bin = (elevenDigits: string) => withCheckDigit(elevenDigits) as string;
const HOLDING = bin('08114000043');
const SUBSIDIARY = bin('08114000051');
const SUB_SUBSIDIARY = bin('08114000052');
const OUTSIDER = bin('08114000053');

const registered = (of: string, name: string, parentBin?: string): ComplianceEvent => ({
  type: 'EntityRegistered',
  data: { bin: of, name, stateSharePercent: 100, ...(parentBin === undefined ? {} : { parentBin }) },
});

describe('the register list: by holding and by words of the name', () => {
  let spec: ProjectionSpec;
  const list = (filter: { holding?: string; name?: string }) =>
    spec.readModels.ratings.list(filter, undefined, 100).map((rating) => rating.bin);

  beforeEach(async () => {
    spec = new ProjectionSpec();
    await spec.given(HOLDING, [registered(HOLDING, 'АО «Самрук-Қазына»')]);
    await spec.given(SUBSIDIARY, [registered(SUBSIDIARY, 'ҚАЗАҚСТАН ТЕМІР ЖОЛЫ', HOLDING)]);
    await spec.given(SUB_SUBSIDIARY, [registered(SUB_SUBSIDIARY, 'Kazakhstan Temir Zholy Cargo', SUBSIDIARY)]);
    await spec.given(OUTSIDER, [registered(OUTSIDER, 'Казахтелеком')]);
    await spec.readModels.rateDue(Date.now());
  });
  afterEach(() => spec.close());

  it('lists a holding with every entity under it, at any depth, and only those', () => {
    expect(list({ holding: HOLDING })).toEqual([HOLDING, SUBSIDIARY, SUB_SUBSIDIARY].sort());
    expect(list({ holding: SUBSIDIARY })).toEqual([SUBSIDIARY, SUB_SUBSIDIARY].sort());
    expect(list({ holding: OUTSIDER })).toEqual([OUTSIDER]);
    expect(list({ holding: bin('08114000054') })).toEqual([]); // never registered
  });

  it("gives each item its parent's BIN", () => {
    const items = spec.readModels.ratings.list({ holding: HOLDING }, undefined, 100);
    expect(Object.fromEntries(items.map((item) => [item.bin, item.parentBin]))).toEqual({
      [HOLDING]: null,
      [SUBSIDIARY]: HOLDING,
      [SUB_SUBSIDIARY]: SUBSIDIARY,
    });
  });

  it('follows an entity moved to another holding once it is rated again', async () => {
    await spec.given(SUB_SUBSIDIARY, [
      { type: 'EntityDetailsChanged', data: { parentBin: OUTSIDER, changedOn: '2025-01-01' } },
    ]);
    await spec.readModels.rateDue(Date.now());

    expect(list({ holding: HOLDING })).toEqual([HOLDING, SUBSIDIARY].sort());
    expect(list({ holding: OUTSIDER })).toEqual([OUTSIDER, SUB_SUBSIDIARY].sort());
  });

  it('finds Cyrillic and Kazakh names by any of their words, in any case', () => {
    expect(list({ name: 'қазақстан' })).toEqual([SUBSIDIARY]);
    expect(list({ name: 'ҚАЗЫНА' })).toEqual([HOLDING]);
    expect(list({ name: 'самрук' })).toEqual([HOLDING]);
    expect(list({ name: 'казах' })).toEqual([OUTSIDER]); // Казах- is not Қазақ-: the letters differ
    expect(list({ name: 'KAZAKHSTAN' })).toEqual([SUB_SUBSIDIARY]);
  });

  it('needs every word to appear, in any order', () => {
    expect(list({ name: 'жолы темір' })).toEqual([SUBSIDIARY]);
    expect(list({ name: 'temir   cargo' })).toEqual([SUB_SUBSIDIARY]);
    expect(list({ name: 'temir telecom' })).toEqual([]);
  });

  it('treats the words as text, never as a pattern', () => {
    expect(list({ name: '%' })).toEqual([]);
    expect(list({ name: '_' })).toEqual([]);
    expect(list({ name: '«самрук-қазына»' })).toEqual([HOLDING]);
  });

  it('combines the filters with each other', () => {
    expect(list({ holding: HOLDING, name: 'kazakhstan' })).toEqual([SUB_SUBSIDIARY]);
    expect(list({ holding: SUBSIDIARY, name: 'самрук' })).toEqual([]);
  });
});
