import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import {
  isMessageKey,
  KAZAKHSTAN_TIME,
  LANGUAGES,
  LOCALES,
  preferredLanguage,
  translate,
  type Language,
  type MessageKey,
  type Params,
} from './messages';
import { instantOf } from '../pages/entity/deadlines';

const REMEMBERED = 'console.language';

export interface I18n {
  readonly language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Params): string;
  /** A message whose key is built from data (`field.${name}`): the data itself when there is none. */
  label(key: string, fallback: string): string;
  /** A business date or an instant, as a date in Kazakhstan. */
  date(value: string | number): string;
  /** An instant, as a date and time in Kazakhstan. */
  dateTime(value: string | number): string;
  number(value: number, digits?: number): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function remembered(): Language {
  const stored = localStorage.getItem(REMEMBERED);
  return (LANGUAGES as readonly string[]).includes(stored ?? '')
    ? (stored as Language)
    : preferredLanguage(navigator.languages);
}

const toInstant = (value: string | number) => (typeof value === 'number' ? value : instantOf(value));

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [language, setLanguage] = useState<Language>(remembered);
  useEffect(() => {
    localStorage.setItem(REMEMBERED, language);
    document.documentElement.lang = language;
  }, [language]);
  const i18n = useMemo<I18n>(() => {
    const locale = LOCALES[language];
    const dates = new Intl.DateTimeFormat(locale, { timeZone: KAZAKHSTAN_TIME, dateStyle: 'medium' });
    const dateTimes = new Intl.DateTimeFormat(locale, {
      timeZone: KAZAKHSTAN_TIME,
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      label: (key, fallback) => (isMessageKey(key) ? translate(language, key) : fallback),
      date: (value) => dates.format(toInstant(value)),
      dateTime: (value) => dateTimes.format(toInstant(value)),
      number: (value, digits = 0) =>
        new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
    };
  }, [language]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
