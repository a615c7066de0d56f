/**
 * Where the sender's own text ends in a plain-text body: the first line of a quoted reply or a
 * forwarded message. Everything from there on was written by someone else, so a quoted sender's
 * signature is never attributed to the author. HTML bodies are cut earlier, on their markup
 * (html-to-text.ts); this catches what survives as text: Outlook and OWA header blocks, Gmail and
 * Apple Mail "On … wrote:", Lotus Notes ("Name / date / To: / cc: / Subject:"), cc:Mail's
 * "Reply Separator", forwarded headers without any rule, and Japanese clients.
 */
import { isOverlong } from './bounds';
import { isNameLike } from './segment-kinds';
import { foldWidth } from './text-width';

// A rule of at least two of "-=_" (spaces between them allowed), then the words. Each run of spaces
// has one place in the pattern, so no input makes the engine try them several ways.
const SEPARATOR_HEADER =
  /^[ \t]*[-=_](?:[ \t]*[-=_])+[ \t]*(?:(?:original message|forwarded message|reply separator|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|元のメッセージ|転送メッセージ|オリジナルメッセージ|転送されたメッセージ)[-=_ \t]*$|forwarded by\b)/i;
const FORWARD_INTRO =
  /^\s*(?:begin forwarded message|forwarded message|転送されたメッセージ)\s*[:：][ \t]*$/i;
/** A header field of a quoted or forwarded message, after any quote marks: its name. */
const HEADER_FIELD =
  /^[ \t]*(?:>[ \t]?)*\*?(from|sent by|sent|date|to|cc|bcc|subject|author|差出人|送信者|送信日時|送信日|日時|日付|宛先|件名|von|gesendet|an|betreff|de|envoyé|à|objet|enviado|para|asunto|van|verzonden|aan|onderwerp|da|inviato|oggetto)\s*(?:\*\s*)?[:：]/i;
/** Field names that are also everyday words ("A:", "An:"): they count only beside others. */
const WEAK_FIELDS = new Set(['an', 'de', 'à', 'para', 'van', 'aan', 'da']);
const WROTE =
  /(?:\bwrote|\ba écrit|\bschrieb|\bescribió|\bha scritto|\bschreef|さんは書きました|は書きました|のメッセージ|からのメッセージ)\s*[:：]\s*$/i;
const ON_DATE_START = /^\s*(?:On|Le|Am|El|Il|Op)\s+\S.{4,}$/;
const DATED_ADDRESS_HEADER =
  /^\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[/-]\d{1,2}[/-]\d{1,2})[^<>@]{0,80}(?:<[^<>\s@]+@[^<>\s]+>|@[^\s:：]+)[ \t]*(?:[:：][ \t]*)?$/;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const DATE_LINE = /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\s*$/i;
// Lotus Notes names a sender "Barry Tycholiz@ECT" (no dot) above the date and To: lines …
const NOTES_SENDER = /^\s*\S[^@]*@[A-Za-z_-]+\s*$/;
// … or '"John Smith" <john@example.com> on 05/14/2001 10:22:13 AM'.
const NOTES_ON_DATE = /\son \d{1,2}\/\d{1,2}\/\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?[ \t]*$/i;

function nextNonBlank(lines: string[], from: number, limit: number): number[] {
  const found: number[] = [];
  for (let i = from; i < lines.length && found.length < limit; i += 1) {
    if ((lines[i] ?? '').trim() !== '') found.push(i);
  }
  return found;
}

function fieldOf(line: string): string | undefined {
  return HEADER_FIELD.exec(line)?.[1]?.toLowerCase();
}

/**
 * A header block starts at `start`: its field and at least one other of the next few lines are
 * header fields, and not all of them are words like "An:" that also open ordinary lines.
 */
function startsHeaderBlock(lines: string[], start: number): boolean {
  const first = fieldOf(lines[start] ?? '');
  if (!first) return false;
  const fields = [first];
  for (const i of nextNonBlank(lines, start + 1, 5)) {
    const field = fieldOf(lines[i] ?? '');
    if (field) fields.push(field);
  }
  const distinct = new Set(fields);
  return distinct.size >= 2 && [...distinct].some((field) => !WEAK_FIELDS.has(field));
}

/** The rule, date, "Sent by" or sender line that introduces a header block, above it. */
function isIntroduction(line: string, next: string): boolean {
  if (OUTLOOK_RULE.test(line) || DATE_LINE.test(line) || NOTES_SENDER.test(line)) return true;
  if (NOTES_ON_DATE.test(line) && line.length < 200) return true;
  // A bare name above a Notes date or "Sent by:" line: "John Smith / 05/14/2001 10:22 AM".
  return (DATE_LINE.test(next) || fieldOf(next) === 'sent by') && isNameLike(line.trim());
}

/** Moves a cut up over the lines that introduce a header block. */
function includeIntroduction(lines: string[], cut: number): number {
  let start = cut;
  for (let step = 0; step < 4; step += 1) {
    let previous = start - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous -= 1;
    if (previous < 0 || !isIntroduction(lines[previous] ?? '', lines[start] ?? '')) break;
    start = previous;
  }
  return start;
}

/** Index of the first line that is not the sender's own text (lines.length when all are). */
export function findAuthorEnd(rawLines: string[]): number {
  const lines = rawLines.map((line) => (isOverlong(line) ? '' : foldWidth(line)));
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (SEPARATOR_HEADER.test(line) || FORWARD_INTRO.test(line)) return i;
    if (startsHeaderBlock(lines, i)) return includeIntroduction(lines, i);
    if (OUTLOOK_RULE.test(line) && nextNonBlank(lines, i + 1, 1).some((j) => fieldOf(lines[j] ?? ''))) {
      return i;
    }
    if (line.length < 300 && (WROTE.test(line) || DATED_ADDRESS_HEADER.test(line))) return i;
    // "On Mon, 3 Jun 2024 at 10:00, Taro Yamada <taro@example.jp>" / "wrote:" on the next line.
    if (ON_DATE_START.test(line) && /\d/.test(line)) {
      const next = nextNonBlank(lines, i + 1, 1)[0];
      if (
        next !== undefined &&
        next - i <= 2 &&
        WROTE.test(lines[next] ?? '') &&
        (lines[next] ?? '').length < 120
      ) {
        return i;
      }
    }
  }
  return lines.length;
}
