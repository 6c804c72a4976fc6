import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CLEAR_WAVE_CONDITIONS, COMPLIANCE_EVENT_TYPES, FLAG_CODES } from '#domain';
import { en } from '../src/i18n/en';
import { LANGUAGES, MESSAGES, preferredLanguage, translate } from '../src/i18n/messages';

const document = JSON.parse(readFileSync('libs/api-contract/src/openapi.json', 'utf8')) as {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** What the API can show a person that the console puts in words: fields, vocabularies, facts, flags. */
function wordsOfTheApi(): string[] {
  const bodies = Object.values(document.paths).flatMap((item) =>
    Object.values(item).flatMap((operation) =>
      Object.values(operation.requestBody?.content ?? {}).map((c) => c.schema.$ref?.split('/').at(-1) ?? ''),
    ),
  );
  const fields = bodies.flatMap((name) => Object.entries(document.components.schemas[name]?.properties ?? {}));
  return [
    ...fields.filter(([name]) => name !== 'bins' && name !== 'data').map(([name]) => `field.${name}`),
    ...fields.flatMap(([, schema]) =>
      (schema.enum ?? []).filter((value) => !/^[A-D]$/.test(value)).map((v) => `choice.${v}`),
    ),
    ...COMPLIANCE_EVENT_TYPES.map((type) => `fact.${type}`),
    ...FLAG_CODES.map((code) => `flag.${code}`),
    ...CLEAR_WAVE_CONDITIONS.map((condition) => `clearWave.${condition}`),
  ];
}

describe('the console in three languages', () => {
  it.each(LANGUAGES)('has every message in %s, none empty, with the same placeholders as English', (language) => {
    const messages = MESSAGES[language];
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(messages)) {
      expect([key, text.trim().length > 0]).toEqual([key, true]);
      expect([key, placeholders(text)]).toEqual([key, placeholders(en[key as keyof typeof en])]);
    }
  });

  it('puts into words every field, choice, fact, flag and clear-wave condition the API has', () => {
    const words = wordsOfTheApi();
    expect(words.length).toBeGreaterThan(120);
    expect(words.filter((key) => !Object.hasOwn(en, key))).toEqual([]);
  });

  it('is not English in disguise: Russian and Kazakh differ from English, and from each other, in most messages', () => {
    const keys = Object.keys(en) as (keyof typeof en)[];
    const same = (a: 'ru' | 'kk', b: 'en' | 'ru') => keys.filter((key) => MESSAGES[a][key] === MESSAGES[b][key]).length;
    expect(same('ru', 'en') / keys.length).toBeLessThan(0.1);
    expect(same('kk', 'en') / keys.length).toBeLessThan(0.1);
    expect(same('kk', 'ru') / keys.length).toBeLessThan(0.15);
  });

  it("fills placeholders, and picks the visitor's language from the browser", () => {
    expect(translate('ru', 'entity.gradeOf', { grade: 'A' })).toBe('Класс A');
    expect(translate('kk', 'entity.scoreOf', { score: 85 })).toBe('100-ден 85');
    expect(preferredLanguage(['de-DE', 'kk-KZ', 'ru'])).toBe('kk');
    expect(preferredLanguage(['fr'])).toBe('ru');
  });
});
