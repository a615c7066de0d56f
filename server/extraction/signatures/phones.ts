/**
 * Phone numbers in a signature: found with a loose pattern, typed by the label before them
 * ("TEL:", "M:", "携帯") or after them ("(cell)", "fax"), and normalised to E.164 with
 * libphonenumber-js. Numbers in national format ("020 7946 0036") need a country: the default
 * region first; when they are not valid there, the country the whole signature fits best.
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';
import { foldWidth, trimEndOf } from './text-width';
import { PHONE_LABELS } from './vocabulary';

export type PhoneType = 'office' | 'mobile' | 'fax' | 'other';

export interface SignaturePhone {
  type: PhoneType;
  /** E.164, e.g. "+81312345678". */
  number: string;
  /** The number as written in the signature. */
  raw: string;
  /** The extension written after a full number ("713-853-5620 x123" → "123"), dialled after it. */
  extension?: string;
}

/** A number found in a line, not yet tied to a country. */
export interface PhoneCandidate {
  type: PhoneType;
  raw: string;
  /** The width-folded digits and separators, as libphonenumber-js reads them. */
  text: string;
  extension?: string;
}

// "713/853-5620": an area code before a slash, as many US signatures write it.
const NUMBER_SPAN =
  /(?:\+ ?\d{1,3}[ .-]?)?(?:\(0\) ?)?(?:\(?\d{1,5}\)[ .-]?|\d{3} ?\/ ?(?=\d{3}[ .-]?\d{4}))?\d(?:[ .-]{0,2}\d|[ .-]?\(\d{1,5}\)[ .-]?\d)*(?:,?\s*(?:ext\.?|extension|x|内線)\s*\d{1,6}(?:-\d{1,4})?)?/gi;

/** Countries tried, in this order, for national numbers that are not valid in the default region. */
const FALLBACK_REGIONS: readonly CountryCode[] = [
  'GB',
  'DE',
  'JP',
  'FR',
  'AU',
  'IN',
  'IT',
  'ES',
  'NL',
  'CH',
  'AT',
  'IE',
  'SE',
  'SG',
  'HK',
  'CN',
  'KR',
  'BR',
  'MX',
  'US',
];

const EXTENSION_TAIL = /,?\s?(?:ext\.?|extension|x|内線)\s*(\d{1,6}(?:-\d{1,4})?)$/i;
// "03-1234-5678（内線 204）", "555-0100 (ext. 12)": the extension in brackets after the number.
const BRACKETED_EXTENSION = /^ ?\( ?(?:ext\.?|extension|x|内線) ?[:.]? ?(\d{1,6}(?:-\d{1,4})?) ?\)/i;

function labelType(word: string): PhoneType | undefined {
  const label = word.trim().toLowerCase();
  for (const [pattern, type] of PHONE_LABELS) if (pattern.test(label)) return type;
  return undefined;
}

/** The label just before a number: "Tel:", "M.", "Direct line", "携帯電話：". */
function typeFromPrefix(prefix: string): PhoneType | undefined {
  const trimmed = trimEndOf(prefix, ' \t\u00a0:.#=(-–/');
  const words =
    /(?<![A-Za-z\u3040-\u30ff\u3400-\u9fff])[A-Za-z\u3040-\u30ff\u3400-\u9fff]+(?: [A-Za-z]+)?$/.exec(
      trimmed,
    )?.[0];
  if (!words) return undefined;
  const candidates = words.includes(' ') ? [words, words.split(' ')[1] ?? ''] : [words];
  for (const candidate of candidates) {
    const type = labelType(candidate);
    if (!type) continue;
    // One-letter labels ("M:", "T ") only when they stand alone: "Room 5 M: …" yes, "ATM 555…" no.
    if (candidate.length === 1) {
      const before = trimmed.slice(0, trimmed.length - 1);
      if (before !== '' && !/[\s|/*•,;()]$/.test(before)) continue;
    }
    return type;
  }
  return undefined;
}

/** A label right after a number: "503.701.1160 (cell)", "713.446.9307 cell". */
function typeFromSuffix(suffix: string): PhoneType | undefined {
  const match = /^\s*(?:[(（]\s*([A-Za-z\u3040-\u9fff]+)\s*[)）]|([A-Za-z]+)\s*(?:$|[\t|/*•,;]))/.exec(
    suffix,
  );
  // One letter counts only in brackets: "(c)", "(w)"; "713-555-0144 c" is not a label.
  const word = match?.[1] ?? (match?.[2] && match[2].length > 1 ? match[2] : undefined);
  return word ? labelType(word) : undefined;
}

/** Every number-like span of 7 to 17 digits on one line, with the type its label gives. */
export function findPhoneCandidates(line: string): PhoneCandidate[] {
  const folded = foldWidth(line);
  const spans = [...folded.matchAll(NUMBER_SPAN)];
  const found: PhoneCandidate[] = [];
  let previousEnd = 0;
  spans.forEach((span, position) => {
    const start = span.index ?? 0;
    const end = start + span[0].length;
    const digits = span[0].replace(/\D/g, '').length;
    if (digits >= 7 && digits <= 17) {
      const nextStart = spans[position + 1]?.index ?? folded.length;
      const type =
        typeFromPrefix(folded.slice(previousEnd, start)) ??
        typeFromSuffix(folded.slice(end, nextStart)) ??
        'other';
      // The extension is kept as written; the number is parsed without it ("3-4567" is no extension to libphonenumber).
      const number = span[0].replace('/', ' ').replace(EXTENSION_TAIL, '');
      const extension = EXTENSION_TAIL.exec(span[0])?.[1] ?? BRACKETED_EXTENSION.exec(folded.slice(end))?.[1];
      found.push({
        type,
        raw: line.slice(start, end).trim(),
        text: number,
        ...(extension ? { extension } : {}),
      });
    }
    previousEnd = end;
  });
  return found;
}

/** "x6721", "ext. 3-4567", "内線 1234": an internal extension alone, what a colleague dials. */
const EXTENSION_ONLY = /^(?:(?:x|ext\.?|extension|内線|\*)\s?[-.:]?\s?)?(\d{1,2}-\d{3,4}|\d{3,6})\.?$/i;

/**
 * The extension as the card shows it ("x3-4567"): no country or area code was written, so it has
 * no E.164 form. Four digits alone ("6721") are an extension only when a label says so.
 */
export function extensionPhone(text: string, type: PhoneType = 'office'): SignaturePhone | undefined {
  const raw = foldWidth(text).trim();
  const match = EXTENSION_ONLY.exec(raw);
  if (!match || (/^\d+$/.test(raw) && raw.length > 0)) return undefined;
  return { type, number: `x${match[1] ?? ''}`, raw };
}

/** The type a label segment before a number gives ("Phone:", "Fax"), if any. */
export function typeOfLabel(label: string): PhoneType | undefined {
  return labelType(trimEndOf(label, ' :.#'));
}

function parseIn(text: string, region: CountryCode): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(text, region);
  return parsed && parsed.nationalNumber.length >= 7 ? parsed : undefined;
}

/**
 * The first region (preferred ones first) where every unresolved number is possible and at least
 * one is valid; failing that, the first where every one is possible.
 */
function bestRegion(candidates: PhoneCandidate[], preferred: CountryCode[]): CountryCode | undefined {
  const regions = [...preferred, ...FALLBACK_REGIONS];
  const fits = (region: CountryCode, needValid: boolean): boolean => {
    const parsed = candidates.map((candidate) => parseIn(candidate.text, region));
    if (!parsed.every((number) => number?.isPossible())) return false;
    return !needValid || parsed.some((number) => number?.isValid());
  };
  return regions.find((region) => fits(region, true)) ?? regions.find((region) => fits(region, false));
}

/** North American numbers are written without a trunk 0; nearly everywhere else a national number starts with one. */
function writtenLikeIn(text: string, region: CountryCode): boolean {
  const trunkZero = /^\(?0/.test(text);
  return region === 'US' || region === 'CA' ? !trunkZero : trunkZero;
}

/**
 * E.164 numbers for the candidates of one signature. International numbers parse on their own;
 * national ones in the default region when valid there, otherwise in the country that fits them
 * all best, starting with `hint` (from the signature's address) and the countries of its
 * international numbers.
 */
export function resolvePhones(
  candidates: PhoneCandidate[],
  defaultRegion: CountryCode,
  hint?: CountryCode,
): SignaturePhone[] {
  const resolved = new Map<PhoneCandidate, string>();
  const preferred: CountryCode[] = hint ? [hint] : [];
  const unresolved: PhoneCandidate[] = [];
  for (const candidate of candidates) {
    const parsed = parseIn(candidate.text, defaultRegion);
    if (candidate.text.startsWith('+') && parsed?.isPossible()) {
      resolved.set(candidate, parsed.number);
      if (parsed.country) preferred.push(parsed.country);
    } else if (parsed?.isValid() || (parsed?.isPossible() && writtenLikeIn(candidate.text, defaultRegion))) {
      // A possible number written the local way is kept even when its range is unassigned (test numbers).
      resolved.set(candidate, parsed.number);
    } else {
      unresolved.push(candidate);
    }
  }
  // Only numbers written in a national format (trunk 0) are worth a search for their country.
  const national = unresolved.filter((candidate) => /^\(?0/.test(candidate.text));
  const region = national.length > 0 ? bestRegion(national, preferred) : undefined;
  for (const candidate of national) {
    const parsed = region ? parseIn(candidate.text, region) : undefined;
    if (parsed?.isPossible()) resolved.set(candidate, parsed.number);
  }
  return candidates
    .filter((candidate) => resolved.has(candidate))
    .map((candidate) => ({
      type: candidate.type,
      number: resolved.get(candidate) as string,
      raw: candidate.raw,
      ...(candidate.extension ? { extension: candidate.extension } : {}),
    }));
}
