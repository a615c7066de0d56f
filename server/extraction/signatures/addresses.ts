/**
 * Postal addresses in a signature: which lines end one (the city line), how the lines join into
 * one field, and which country the address is in (it decides how national phone numbers read).
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { hasCjk } from './text-width';
import {
  CA_PROVINCE_POSTAL,
  CITY_STATE,
  CITY_STATE_NAME,
  PREFECTURE,
  AU_STATE_POSTCODE,
  UK_POSTCODE_ONLY,
  UK_POSTCODE,
  US_STATE_NAME_ZIP,
  US_STATE_ZIP,
} from './vocabulary';

const CITY_LINES = [
  AU_STATE_POSTCODE,
  UK_POSTCODE_ONLY,
  US_STATE_ZIP,
  US_STATE_NAME_ZIP,
  CA_PROVINCE_POSTAL,
  UK_POSTCODE,
  CITY_STATE,
  CITY_STATE_NAME,
];
export const isCityLine = (text: string): boolean => CITY_LINES.some((pattern) => pattern.test(text));
const ADDRESS_COUNTRIES: ReadonlyArray<readonly [RegExp, CountryCode]> = [
  [/〒|日本|Japan\b/i, 'JP'],
  [/\b(?:USA|U\.S\.A?\.?|United States)\b/, 'US'],
  [/\b(?:UK|U\.K\.|United Kingdom|England|Scotland|Wales)\b/, 'GB'],
  [/\b(?:Germany|Deutschland)\b/i, 'DE'],
  [/\b(?:Switzerland|Schweiz|Suisse)\b/i, 'CH'],
  [/\b(?:Austria|Österreich)\b/i, 'AT'],
  [/\bFrance\b/i, 'FR'],
  [/\bCanada\b/i, 'CA'],
  [/\bAustralia\b/i, 'AU'],
  [/\bIreland\b/i, 'IE'],
  [/\b(?:Netherlands|Nederland)\b/i, 'NL'],
  [/\b(?:Spain|España)\b/i, 'ES'],
  [/\b(?:Italy|Italia)\b/i, 'IT'],
  [/\bSingapore\b/i, 'SG'],
  [/\bIndia\b/i, 'IN'],
  [/\bHong Kong\b/i, 'HK'],
];

/** The country an address names or implies ("…, WA 98121" is in the US). */
export function countryOfAddress(address: string | undefined): CountryCode | undefined {
  if (!address) return undefined;
  for (const [pattern, country] of ADDRESS_COUNTRIES) if (pattern.test(address)) return country;
  if (PREFECTURE.test(address)) return 'JP';
  if (US_STATE_ZIP.test(address)) return 'US';
  if (CA_PROVINCE_POSTAL.test(address)) return 'CA';
  if (UK_POSTCODE.test(address)) return 'GB';
  return undefined;
}

export function joinAddress(parts: string[]): string {
  if (parts.every((part) => hasCjk(part) || /^〒/.test(part))) return parts.join(' ');
  return parts.reduce((joined, part) => (joined === '' ? part : `${joined.replace(/,$/, '')}, ${part}`), '');
}
