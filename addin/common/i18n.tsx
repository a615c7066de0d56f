import { createContext, useContext, type ReactNode } from 'react';
import en from './locales/en.json';
import ja from './locales/ja.json';

/**
 * Every user-visible string lives in the resource files; Office's display language picks them,
 * and the same language tag formats dates and numbers (en-US month-day, en-GB day-month, ja-JP
 * year-month-day). Counted phrases are plural-aware: a resource key `x#one` / `x#other` is
 * chosen with Intl.PluralRules of the strings' language (Japanese has only `other`).
 */

type Resource = typeof en;
type ResourceKey = keyof Resource;

/** A plain message (not one form of a plural). */
export type MessageKey = {
  [K in ResourceKey]: K extends `${string}#${string}` ? never : K;
}[ResourceKey];
/** A counted message: the key without its `#category` suffix. */
export type PluralKey = { [K in ResourceKey]: K extends `${infer Base}#other` ? Base : never }[ResourceKey];
export type Locale = 'en' | 'ja';

export const locales: Record<Locale, Partial<Record<ResourceKey, string>>> = { en, ja };

/** `ja-JP`, `ja` → Japanese; anything else → English. */
export function localeFor(displayLanguage: string | null | undefined): Locale {
  return (displayLanguage ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * The tag dates and numbers are formatted with: Office's display language when Intl knows it
 * (so an English-speaking Briton reads 20 Nov and an American Nov 20), else the strings' own.
 */
export function formatTagFor(displayLanguage: string | null | undefined): string {
  const fallback = localeFor(displayLanguage) === 'ja' ? 'ja-JP' : 'en-US';
  if (!displayLanguage) return fallback;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([displayLanguage])[0] ?? fallback;
  } catch {
    return fallback; // not a well-formed language tag
  }
}

export interface Translator {
  /** The language of the strings. */
  locale: Locale;
  /** The language tag of dates and numbers. */
  tag: string;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A counted phrase; `{count}` is the count, formatted for the language. */
  plural(key: PluralKey, count: number, vars?: Record<string, string | number>): string;
  /** The text of an API error code, or a general one that names the code. */
  apiError(code: string): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  month(yyyyMm: string): string;
  /** A chart axis label: the month, and the year where it begins. */
  monthTick(yyyyMm: string, withYear: boolean): string;
  number(n: number): string;
  /** A rough duration: "less than a minute", then "about N minutes" up to two hours, then hours. */
  duration(seconds: number): string;
}

function fill(template: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function createTranslator(displayLanguage: string, options: { timeZone?: string } = {}): Translator {
  const locale = localeFor(displayLanguage);
  const tag = formatTagFor(displayLanguage);
  const strings = locales[locale];
  const lookup = (key: string): string | undefined =>
    (strings as Record<string, string | undefined>)[key] ?? (en as Record<string, string | undefined>)[key];
  const { timeZone } = options;
  const dateFormat = new Intl.DateTimeFormat(tag, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone,
  });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  // Months are calendar months of the data (UTC), not of the reader's time zone.
  const monthFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const monthOnly = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(tag);
  const pluralRules = new Intl.PluralRules(locale);
  const unit = (name: 'minute' | 'hour') =>
    new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'long', maximumFractionDigits: 0 });
  const valid = (iso: string | null | undefined): Date | null => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const never = lookup('common.never')!;
  const translator: Translator = {
    locale,
    tag,
    t: (key, vars) => fill(lookup(key) ?? key, vars),
    plural(key, count, vars) {
      const template = lookup(`${key}#${pluralRules.select(count)}`) ?? lookup(`${key}#other`) ?? key;
      return fill(template, { ...vars, count: numberFormat.format(count) });
    },
    apiError(code) {
      const text = lookup(`error.${code}`);
      return text ?? fill(lookup('error.unknown')!, { code });
    },
    date: (iso) => {
      const d = valid(iso);
      return d ? dateFormat.format(d) : never;
    },
    dateTime: (iso) => {
      const d = valid(iso);
      return d ? dateTimeFormat.format(d) : never;
    },
    month: (yyyyMm) => monthFormat.format(new Date(`${yyyyMm}-01T00:00:00Z`)),
    monthTick: (yyyyMm, withYear) =>
      (withYear ? monthFormat : monthOnly).format(new Date(`${yyyyMm}-01T00:00:00Z`)),
    number: (n) => numberFormat.format(n),
    duration(seconds) {
      if (!(seconds >= 60)) return lookup('common.lessThanMinute')!;
      const amount =
        seconds < 7200
          ? unit('minute').format(Math.round(seconds / 60))
          : unit('hour').format(Math.round(seconds / 3600));
      return fill(lookup('common.about')!, { amount });
    },
  };
  return translator;
}

const I18nContext = createContext<Translator>(createTranslator('en-US'));

export function I18nProvider({ translator, children }: { translator: Translator; children: ReactNode }) {
  return <I18nContext.Provider value={translator}>{children}</I18nContext.Provider>;
}

export function useI18n(): Translator {
  return useContext(I18nContext);
}
