import { createContext, useContext, type ReactNode } from 'react';
import en from './locales/en.json';
import ja from './locales/ja.json';

/** Every user-visible string lives in the resource files; this picks them by Office's display language. */

export type MessageKey = keyof typeof en;
export type Locale = 'en' | 'ja';

const resources: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** `ja-JP`, `ja` → Japanese; anything else → English. */
export function localeFor(displayLanguage: string | null | undefined): Locale {
  return (displayLanguage ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export interface Translator {
  locale: Locale;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  month(yyyyMm: string): string;
  number(n: number): string;
}

export function createTranslator(locale: Locale): Translator {
  const strings = resources[locale];
  const tag = locale === 'ja' ? 'ja-JP' : 'en-GB';
  const dateFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', day: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const monthFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(tag);
  const valid = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  return {
    locale,
    t(key, vars) {
      const template = strings[key] ?? en[key] ?? key;
      if (!vars) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in vars ? String(vars[name]) : whole,
      );
    },
    date: (iso) => {
      const d = valid(iso);
      return d ? dateFormat.format(d) : strings['common.never'];
    },
    dateTime: (iso) => {
      const d = valid(iso);
      return d ? dateTimeFormat.format(d) : strings['common.never'];
    },
    month: (yyyyMm) => monthFormat.format(new Date(`${yyyyMm}-01T00:00:00Z`)),
    number: (n) => numberFormat.format(n),
  };
}

const I18nContext = createContext<Translator>(createTranslator('en'));

export function I18nProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  return useContext(I18nContext);
}
