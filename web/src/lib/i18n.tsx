import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, ko, type MessageKey } from './messages';

export const LOCALES = ['ko', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ko';
const STORAGE_KEY = 'nocode.locale';

type Params = Record<string, string | number>;
type Dictionary = Partial<Record<MessageKey, string>>;
const dictionaries: Record<Locale, Dictionary> = { ko, en };

/** The locale's text, else English, else the key itself; `{name}` placeholders are filled from params. */
export function translate(locale: Locale, key: MessageKey | string, params?: Params, sources = dictionaries): string {
  const k = key as MessageKey;
  const template = sources[locale][k] ?? sources.en[k] ?? key;
  return params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function storedLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export type Translate = (key: MessageKey | string, params?: Params) => string;

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** Dates and numbers in the locale's conventions. */
  /** Minutes by default; `seconds` where events come seconds apart (history timelines). */
  formatDateTime: (iso: string | null | undefined, options?: { seconds?: boolean }) => string;
  formatNumber: (value: number | null | undefined, fractionDigits?: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale(globalThis.localStorage));

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode without storage: the choice lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const tag = locale === 'ko' ? 'ko-KR' : 'en-US';
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const precise = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium' });
    return {
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      formatDateTime: (iso, options) => (iso ? (options?.seconds ? precise : dateTime).format(new Date(iso)) : '—'),
      formatNumber: (value, fractionDigits = 0) =>
        value == null || Number.isNaN(value)
          ? '—'
          : value.toLocaleString(tag, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
