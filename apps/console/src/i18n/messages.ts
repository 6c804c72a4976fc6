import { en, type MessageKey } from './en';
import { kk } from './kk';
import { ru } from './ru';

export type { MessageKey };
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const MESSAGES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { kk, ru, en };

/** The BCP 47 locale of each language, for dates and numbers as Kazakhstan writes them. */
export const LOCALES: Readonly<Record<Language, string>> = { kk: 'kk-KZ', ru: 'ru-KZ', en: 'en-GB' };

/** What each language is called in itself, for the switcher. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** Kazakhstan's one time zone since 1 March 2024 (UTC+05:00). */
export const KAZAKHSTAN_TIME = 'Asia/Almaty';

export type Params = Readonly<Record<string, string | number>>;

/** A message in a language, its `{name}` placeholders filled. */
export function translate(language: Language, key: MessageKey, params: Params = {}): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Whether a text is a key of the messages (for keys built from data: a field, a flag, a fact). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** The language a visitor is most likely to read, from the browser's preferences. */
export function preferredLanguage(preferences: readonly string[]): Language {
  for (const preference of preferences) {
    const primary = preference.toLowerCase().split('-')[0];
    if ((LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  }
  return 'ru';
}
