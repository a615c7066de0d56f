/**
 * Postal addresses in a signature: which lines are part of one, which end one (the city line), how
 * the lines join into one field, and which country the address is in (it decides how national
 * phone numbers read).
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { GIVEN_NAMES } from './given-names';
import { hasCjk } from './text-width';
import {
  AU_STATE_POSTCODE,
  BR_CEP,
  CA_PROVINCE_POSTAL,
  CITY_STATE,
  CITY_STATE_NAME,
  COUNTRY,
  COUNTRY_ONLY,
  IN_CITY_PIN,
  PREFECTURE,
  ROOM_CODE,
  STREET_WORD,
  UK_POSTCODE,
  UK_POSTCODE_ONLY,
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

const STREET_ONLY =
  /^(?:[A-Z0-9][\w'.-]*\s){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Plaza|Parkway|Pkwy|Highway|Hwy|Square|Sq|Terrace|Circle|Green|Row|Walk|Close|Crescent|Gardens|Building|Bldg|Tower)\.?$/;

const BUILDING =
  /^(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|\d{1,5})(?: [A-Z][\w'.-]*){1,3} (?:Center|Centre|Tower|Towers|Building|Plaza|Place|Square)$/;

const CONTINENTAL_STREET =
  /^(?:[A-ZÄÖÜ][a-zäöüßéèà-]*(?:strasse|straße|str\.|weg|gasse|platz|allee|ring|damm|ufer|laan|straat|gracht|plein|kade|vej|gade|gatan|vägen|veien)|(?:Via|Viale|Calle|Avenida|Rua|Piazza|Carrer|Rue)(?: [^\d,\s]+){1,5})\s+\d{1,4}[a-z]?(?:\s?[-/]\s?\d{1,4}[a-z]?)?,?$/;

/**
 * A street in continental order without a street word we know: "Neuer Jungfernstieg 20", "Veljka
 * Dugosevica 54". Only beside a postcode and city does it read as one ("Studio 54" alone does not).
 */
export const STREET_BEFORE_NUMBER =
  /^\p{Lu}[\p{L}.'’-]*(?: [\p{L}.'’-]+){0,3} \d{1,4}[a-z]?(?:[-/]\d{1,4}[a-z]?)?,?$/u;
/** A continental postcode and city: "20354 Hamburg", "D-10115 Berlin", "11060 Belgrade". */
export const POSTCODE_CITY = /^(?:[A-Z]{1,2}-)?\d{4,5} \p{Lu}/u;

function startsWithGivenName(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length <= 3 && GIVEN_NAMES.has(words[0]?.toLowerCase() ?? '');
}

/** A line, or a comma piece of one, that is part of a postal address. */
export function isAddress(text: string): boolean {
  if (/^〒\s?\d{3}-?\d{4}/.test(text) || /^(?:住所|所在地|Address|Addr)\s*[:：]/i.test(text)) return true;
  if (PREFECTURE.test(text) && /[市区町村郡]/.test(text)) return true;
  if (/^\d{3}-\d{4}\s/.test(text) && hasCjk(text)) return true;
  if (/^(?:P\.?\s?O\.?\s+Box|Post Office Box|Suite|Ste\.?|Floor|\d+(?:st|nd|rd|th) Floor)\b/i.test(text))
    return true;
  // "Level 5, 100 George Street", "Unit 4, Riverside Business Park".
  if (/^(?:Level|Unit) \d{1,4},/.test(text)) return true;
  // Rooms and mail stops: "Room 1203", "Rm. 3AC1402", "Room 3AC1402", "Mail Stop 4C", "Bldg. 7"; "EB 38C1", "3WTC 0306".
  if (
    /^(?:room|rm\.?|mail ?(?:stop|code|drop)|m\/?[cs]|bldg\.?|building|office|level)\s?[:#]?\s?\d?[a-z]{0,4}\s?\d{1,5}[a-z]?$/i.test(
      text,
    )
  )
    return true;
  if (ROOM_CODE.test(text) || CITY_STATE.test(text) || CITY_STATE_NAME.test(text)) return true;
  // A named building: "One Allen Center", "1221 Lamar Tower".
  if (BUILDING.test(text)) return true;
  // Street name, then the number: "Bahnhofstrasse 12", "Keizersgracht 62-64", "Via Roma 5".
  if (CONTINENTAL_STREET.test(text)) return true;
  // A street without a house number: "One Contoso Way", "Main Street"; but "Thomas Green", "Kim
  // Lane" are people whose surnames are street words.
  if (STREET_ONLY.test(text) && !startsWithGivenName(text)) return true;
  // A house number and a few capitalised words: "12 College Green", "1 Finance Tower".
  if (/^\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s?){1,4}$/.test(text)) return true;
  // The building of a Japanese address: "丸の内北口ビル12F", "品川インターシティA棟20階".
  if (hasCjk(text) && /(?:ビル|タワー|会館|棟|階|\dF)$/.test(text) && text.length <= 30) return true;
  if (US_STATE_NAME_ZIP.test(text) || COUNTRY_ONLY.test(text)) return true;
  if (/^\d+[A-Za-z]?(?:-\d+)?,?\s+\S/.test(text) && STREET_WORD.test(text) && !/\d{3}[-.]\d{4}/.test(text))
    return true;
  if (US_STATE_ZIP.test(text) || CA_PROVINCE_POSTAL.test(text)) return true;
  if (UK_POSTCODE.test(text) && /[a-z]/.test(text)) return true;
  if (UK_POSTCODE_ONLY.test(text) || AU_STATE_POSTCODE.test(text) || IN_CITY_PIN.test(text)) return true;
  if (BR_CEP.test(text) && /\p{L}/u.test(text) && text.length <= 60) return true;
  // "Av. Paulista, 1000", "Rua Augusta 500", "Calle Mayor 3", "Via Roma 10": the street word leads.
  if (
    /^(?:Av\.|Avda\.|Avenida|Rua|Alameda|Travessa|Calle|Carrer|Rambla|Paseo|Via|Viale|Piazza|Piazzale|Corso) \p{Lu}/u.test(
      text,
    ) &&
    /\d/.test(text)
  )
    return true;
  // "CH-8001 Zürich", "D-10115 Berlin": a postcode with its country's letters.
  if (/^[A-Z]{1,2}-\d{4,5} \p{Lu}/u.test(text)) return true;
  if (/^\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]+/.test(text) && !/\d{6}/.test(text)) return true;
  if (/\b\d{3}-\d{4},?\s+Japan\b/i.test(text) || /-ku,?\s/i.test(text)) return true;
  return COUNTRY.test(text) && text.includes(',') && text.split(/\s+/).length <= 8;
}
