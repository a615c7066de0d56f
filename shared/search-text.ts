/**
 * How names, addresses and companies become search terms, and how a query matches them. One
 * definition for the server's index and its answers (and for the add-in, should it need it).
 *
 * Folding makes matching case-, accent- and width-insensitive: NFKC turns full-width Latin and
 * digits into ASCII and half-width katakana into full-width; letters are lower-cased, Latin
 * diacritics dropped (the kana voicing marks stay: か and が are different sounds), and katakana
 * folded to hiragana, so タナカ, ﾀﾅｶ and たなか are one word.
 *
 * A term is matched by its prefixes. A name gives each of its words, the words joined (so
 * "田中太郎" finds "田中 太郎" and "taroyamada" finds "Taro Yamada"), and for Japanese, Chinese
 * and Korean words every suffix too, so a given name is found in a name written without a space.
 * An address gives itself, its local part's words and its domain with the domain's words.
 */

const maxTermLength = 64;
const maxWords = 6;
const maxTerms = 16;
/** CJK words of up to this many characters also give their suffixes (names, not sentences). */
const maxSuffixWord = 10;
/** Japanese legal forms, written onto the name ("株式会社サクラ精機"): a word of their own. */
const legalForms =
  /(株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|一般財団法人|公益社団法人|公益財団法人|学校法人|医療法人|社会福祉法人|特定非営利活動法人)/g;

// The combining diacritical marks: the accents NFD takes off Latin, Greek and Cyrillic letters.
const accents = /[\u0300-\u036f]/g;
const letterFolds: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ſ: 's',
};
const foldable = /[ßøæœłđðþıſ]/g;
const katakana = /[\u30a1-\u30f6\u30fd\u30fe]/g;
// eslint-disable-next-line no-control-regex -- control characters carry no meaning in a name
const controls = /[\u0000-\u001f\u007f-\u009f]/g;
const apostrophes = /['\u2018\u2019`\u00b4]/g;
const notWordChars = /[^\p{L}\p{N}\p{M}]+/u;
const whitespace = /\s+/u;
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Case-, accent-, width- and kana-folded text (see above). */
export function foldText(text: string): string {
  const lower = text.normalize('NFKC').toLowerCase();
  const bare = lower.normalize('NFD').replace(accents, '').normalize('NFC');
  return bare
    .replace(foldable, (c) => letterFolds[c]!)
    .replace(katakana, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(controls, ' ');
}

/** Characters (code points), so a prefix never splits a surrogate pair. */
export const codePoints = (s: string): string[] => Array.from(s);

const clip = (s: string) => codePoints(s).slice(0, maxTermLength).join('');

/** The words of a folded text: letters, digits and marks; apostrophes join ("O'Brien" → obrien). */
export function wordsOf(folded: string): string[] {
  return folded
    .replace(apostrophes, '')
    .split(notWordChars)
    .filter((w) => w.length > 0)
    .slice(0, maxWords)
    .map(clip);
}

/** Terms of a person's or company's name: words, the words joined, and suffixes of CJK words. */
export function nameTerms(name: string | null | undefined): string[] {
  if (!name) return [];
  const words = wordsOf(foldText(name).replace(legalForms, ' $1 '));
  const terms = [...words];
  if (words.length > 1) terms.push(clip(words.join('')));
  for (const word of [...words, ...(words.length > 1 ? [words.join('')] : [])]) {
    const chars = codePoints(word);
    if (chars.length < 2 || chars.length > maxSuffixWord || !cjk.test(word)) continue;
    for (let i = 1; i < chars.length; i++) terms.push(chars.slice(i).join(''));
  }
  return terms;
}

/** Terms of a domain: the domain, and its words of three or more letters before the top level. */
export function domainTerms(domain: string): string[] {
  const folded = foldText(domain).trim();
  if (!folded) return [];
  const labels = folded.split('.');
  const words = labels
    .slice(0, -1)
    .flatMap((label) => wordsOf(label))
    .filter((w) => w.length >= 3);
  return [clip(folded), ...words];
}

/** Terms of an address: the address, its local part's words, its domain's terms. */
export function addressTerms(address: string): string[] {
  const folded = foldText(address).trim();
  const at = folded.lastIndexOf('@');
  if (at <= 0) return folded ? [clip(folded)] : [];
  const local = wordsOf(folded.slice(0, at)).filter((w) => w.length >= 2);
  return [clip(folded), ...local, ...domainTerms(folded.slice(at + 1))];
}

/**
 * The distinct terms, without those that are a prefix of another (a query matching the shorter
 * one matches the longer one too), sorted, at most 16.
 */
export function distinctTerms(terms: string[]): string[] {
  const unique = [...new Set(terms.filter((t) => t.length > 0))].sort();
  // Sorted, a term that is a prefix of others comes right before the first of them.
  const kept = unique.filter((t, i) => !(unique[i + 1]?.startsWith(t) ?? false));
  return kept.slice(0, maxTerms);
}

export const personTerms = (name: string | null | undefined, email: string) =>
  distinctTerms([...nameTerms(name), ...addressTerms(email)]);

/**
 * A company's terms: each name's and the domain's on their own, so a name learnt later (from a
 * signature) only adds terms and never retires one the guessed name gave.
 */
export const companyTerms = (names: Array<string | null | undefined>, domain: string) =>
  [
    ...new Set([...names.map((n) => distinctTerms(nameTerms(n))), distinctTerms(domainTerms(domain))].flat()),
  ].sort();

/** A query: its words, its whitespace-separated parts as typed (keeping "." "@" "-"), its words joined. */
export interface SearchQueryText {
  words: string[];
  parts: string[];
  joined: string;
}

export function parseQueryText(q: string): SearchQueryText {
  const folded = foldText(q);
  const words = wordsOf(folded);
  const parts = folded
    .replace(apostrophes, '')
    .split(whitespace)
    .filter((p) => p.length > 0)
    .slice(0, maxWords)
    .map(clip);
  return { words, parts, joined: clip(words.join('')) };
}

/** True when the query finds something with these terms: every word, every part, or the words joined, as a prefix of some term. */
export function queryMatches(query: SearchQueryText, terms: string[]): boolean {
  const some = (token: string) => terms.some((t) => t.startsWith(token));
  if (query.words.length > 0 && query.words.every(some)) return true;
  if (query.parts.length > 0 && query.parts.every(some)) return true;
  return query.joined.length > 0 && some(query.joined);
}

/**
 * What to look up in the index for a query: the longest word, the longest part when it differs
 * (an address or domain as typed), and the words joined when several were typed apart. Every match
 * has a term starting with one of them.
 */
export function lookupKeys(query: SearchQueryText): string[] {
  const longest = (xs: string[]) =>
    xs.reduce((a, b) => (codePoints(b).length > codePoints(a).length ? b : a), '');
  const keys = [longest(query.words), longest(query.parts)];
  if (query.parts.length > 1) keys.push(query.joined);
  return [...new Set(keys.filter((k) => k.length > 0))];
}
