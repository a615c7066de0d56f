/**
 * Full-width and look-alike characters folded to ASCII one character at a time, so that offsets in
 * the folded text are offsets in the original (a phone number's `raw` is cut from the original).
 */

const DASH_LIKE = new Set(['－', '‐', '‑', '‒', '–', '—', '―', '−', 'ｰ', 'ー', '─', '━']);

function foldChar(ch: string): string {
  // UTF-16 units, not code points: offsets must stay those of the original string.
  const code = ch.charCodeAt(0);
  // Full-width ASCII block: ！ (U+FF01) … ～ (U+FF5E).
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0 || code === 0x2007 || code === 0x202f) return ' ';
  return ch;
}

/**
 * Folds full-width letters, digits and punctuation to ASCII and dash look-alikes between digits
 * (03ー1234ー5678, 1－2－3) to '-'. The result has the same length as the input.
 */
export function foldWidth(text: string): string {
  const chars = text.split('').map(foldChar);
  for (let i = 0; i < chars.length; i += 1) {
    const ch = text[i] ?? '';
    if (!DASH_LIKE.has(ch)) continue;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    // A katakana prolonged sound mark is a dash only between digits; the others always are.
    if (ch === 'ー' || ch === 'ｰ' || ch === '─' || ch === '━') {
      if (/\d/.test(before) && /\d/.test(after)) chars[i] = '-';
    } else {
      chars[i] = '-';
    }
  }
  return chars.join('');
}

/**
 * `text` without the characters of `set` at its end (or start). A loop rather than a `[…]+$`
 * pattern: searched for, such a pattern retries from every character of a long run (quadratic time).
 */
export function trimEndOf(text: string, set: string): string {
  let end = text.length;
  while (end > 0 && set.includes(text[end - 1] as string)) end -= 1;
  return text.slice(0, end);
}

export function trimStartOf(text: string, set: string): string {
  let start = 0;
  while (start < text.length && set.includes(text[start] as string)) start += 1;
  return text.slice(start);
}

const WHITESPACE = ' \t\n\r\f\v\u00a0\u3000\u2007\u202f\ufeff';

/** "Tanaka Taro (Sales)" → "Tanaka Taro": a parenthesised note at the end of a name or line. */
export function withoutTrailingNote(text: string): string {
  const trimmed = trimEndOf(text, WHITESPACE);
  if (!trimmed.endsWith(')') && !trimmed.endsWith('）')) return text;
  const open = Math.max(trimmed.lastIndexOf('('), trimmed.lastIndexOf('（'));
  if (open < 0) return text;
  const inside = trimmed.slice(open + 1, -1);
  if (inside.includes(')') || inside.includes('）')) return text;
  return trimEndOf(trimmed.slice(0, open), WHITESPACE);
}

/** A field value as we store it: compatibility-normalised, dashes between digits unified, trimmed. */
export function cleanFieldText(text: string): string {
  const normalised = foldWidth(text)
    .normalize('NFKC')
    .replace(/[ \t]+/g, ' ');
  return trimEndOf(trimStartOf(normalised, `${WHITESPACE},;:|/*•·・-`), `${WHITESPACE},;:|/*•·・`).trim();
}

/** True when the string is mostly CJK (kanji, kana): Japanese layout rules apply to it. */
export function isMostlyCjk(text: string): boolean {
  const cjk = text.match(/[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return cjk > 0 && cjk >= latin / 2;
}

export function hasCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/.test(text);
}
