/**
 * Field scoring on real email: the forge set's signatures, annotated by hand field by field in
 * signature-fields-forge.json (its header says how). Every email counts, the ones without a
 * signature too (a field found there is a false positive), read as the product reads it: the whole
 * body with the sender from its header.
 *
 * Values are compared as a person reads them: names, titles, companies and emails case-, space- and
 * punctuation-insensitively ("Manager - Rate Systems" is "Manager, Rate Systems"); phones by their digits (a leading
 * North-American "1" and an extension's label aside); an address by the tokens of its lines, in any
 * order, so that the line breaks we join with ", " do not count. Micro-averaged per field; a wrong
 * value is a false positive and a false negative at once. "address tokens" scores the address word
 * by word as well, to show partial addresses (only a first line, say).
 */
import { parseSignature, type SignatureFields } from '../../server/extraction/signatures';
import { scores, type Scores } from './signature-bench-support';
import type { ForgeEmail } from './signature-corpora';
import annotations from './signature-fields-forge.json';

interface FieldTruth {
  name?: string;
  title?: string;
  department?: string;
  company?: string;
  email?: string;
  address?: string;
  phones?: string[];
}

const TRUTH: Record<string, FieldTruth> = annotations.signatures;
export const SCORED_FIELDS = ['name', 'title', 'company', 'email', 'address', 'phones'] as const;
type Counts = { tp: number; fp: number; fn: number; support: number };
export type FieldScoreTable = Map<string, Scores & { support: number }>;

const textKey = (value: string | undefined): string =>
  (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
const emailKey = (value: string | undefined): string =>
  (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/^mailto:/, '');
const addressTokens = (value: string | undefined): string[] =>
  (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort();
function phoneKey(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** How many items of `found` match one of `expected` each (multisets). */
function matched(expected: string[], found: string[]): number {
  const left = [...expected];
  let hits = 0;
  for (const item of found) {
    const at = left.indexOf(item);
    if (at >= 0) {
      hits += 1;
      left.splice(at, 1);
    }
  }
  return hits;
}

function add(counts: Counts, expected: string[], found: string[]): void {
  const hits = matched(expected, found);
  counts.tp += hits;
  counts.fp += found.length - hits;
  counts.fn += expected.length - hits;
  counts.support += expected.length;
}

const single = (key: string): string[] => (key ? [key] : []);

/** Per-field micro P/R/F1 of `parseSignature` on forge emails against the hand annotations. */
export function scoreForgeFields(emails: ForgeEmail[]): FieldScoreTable {
  const fields = [...SCORED_FIELDS, 'address tokens'];
  const counts = new Map<string, Counts>(fields.map((field) => [field, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const at = (field: string): Counts => counts.get(field) ?? { tp: 0, fp: 0, fn: 0, support: 0 };
  for (const email of emails) {
    const truth = TRUTH[email.id] ?? {};
    const got: SignatureFields = parseSignature({
      body: email.text,
      contentType: 'text',
      sender: email.sender,
    }).fields;
    for (const field of ['name', 'title', 'company'] as const)
      add(at(field), single(textKey(truth[field])), single(textKey(got[field])));
    add(at('email'), single(emailKey(truth.email)), single(emailKey(got.email)));
    const trueAddress = addressTokens(truth.address);
    const gotAddress = addressTokens(got.address);
    add(at('address'), single(trueAddress.join(' ')), single(gotAddress.join(' ')));
    add(at('address tokens'), trueAddress, gotAddress);
    add(
      at('phones'),
      (truth.phones ?? []).map(phoneKey),
      got.phones.map((phone) => phoneKey(phone.raw)),
    );
  }
  return new Map(
    [...counts].map(([field, c]) => [field, { ...scores(c.tp, c.fp, c.fn), support: c.support }]),
  );
}

/** What was wrong, field by field, on the emails given (for looking into tune data only). */
export function forgeFieldErrors(emails: ForgeEmail[]): string[] {
  const errors: string[] = [];
  for (const email of emails) {
    const truth = TRUTH[email.id] ?? {};
    const got = parseSignature({ body: email.text, contentType: 'text', sender: email.sender }).fields;
    const show = (field: string, want: string, have: string) => {
      if (want !== have)
        errors.push(`${email.id} ${field}: want ${JSON.stringify(want)} got ${JSON.stringify(have)}`);
    };
    for (const field of ['name', 'title', 'company', 'email'] as const)
      if (textKey(truth[field]) !== textKey(got[field])) show(field, truth[field] ?? '', got[field] ?? '');
    if (addressTokens(truth.address).join(' ') !== addressTokens(got.address).join(' '))
      show('address', truth.address ?? '', got.address ?? '');
    const want = (truth.phones ?? []).map(phoneKey).sort().join(' ');
    const have = got.phones
      .map((phone) => phoneKey(phone.raw))
      .sort()
      .join(' ');
    if (want !== have) show('phones', want, have);
  }
  return errors;
}
