/**
 * Where the sender's own text ends in a plain-text body: the first line of a quoted reply or a
 * forwarded message. Everything from there on was written by someone else, so a colleague's
 * quoted signature is never attributed to the sender. HTML bodies are cut earlier, on their
 * markup (html-to-text.ts); this catches what survives as text.
 */
import { isOverlong } from './bounds';
import { foldWidth } from './text-width';

// A rule of at least two of "-=_" (spaces between them allowed), then the words. Each run of spaces
// has one place in the pattern, so no input makes the engine try them several ways.
const SEPARATOR_HEADER =
  /^[ \t]*[-=_](?:[ \t]*[-=_])+[ \t]*(?:(?:original message|forwarded message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|元のメッセージ|転送メッセージ|オリジナルメッセージ|転送されたメッセージ)[-=_ \t]*$|forwarded by\b)/i;
const FORWARD_INTRO =
  /^\s*(?:begin forwarded message|forwarded message|転送されたメッセージ)\s*[:：][ \t]*$/i;
const HEADER_START = /^\s*\*?(?:from|差出人|送信者|von|de|van|da|expéditeur)\s*(?:\*\s*)?[:：]/i;
const HEADER_FIELD =
  /^\s*\*?(?:sent|date|to|cc|bcc|subject|送信日時|送信日|日時|日付|宛先|件名|cc|gesendet|an|betreff|envoyé|à|objet|enviado|para|asunto)\s*(?:\*\s*)?[:：]/i;
const LOTUS_TO = /^\s*To:\s*\S/;
const LOTUS_NEXT = /^\s*(?:cc|bcc|Subject):/i;
const WROTE =
  /(?:\bwrote|\ba écrit|\bschrieb|\bescribió|\bha scritto|\bschreef|さんは書きました|は書きました|のメッセージ|からのメッセージ)\s*[:：]\s*$/i;
const ON_DATE_START = /^\s*(?:On|Le|Am|El|Il|Op)\s+\S.{4,}$/;
const DATED_ADDRESS_HEADER =
  /^\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[/-]\d{1,2}[/-]\d{1,2})[^<>@]{0,80}(?:<[^<>\s@]+@[^<>\s]+>|@[^\s:：]+)[ \t]*(?:[:：][ \t]*)?$/;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const DATE_LINE = /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s*$/i;
// Lotus Notes names a sender "Barry Tycholiz@ECT" (no dot) above the date and To: lines.
const NOTES_SENDER = /^\s*\S[^@]*@[A-Za-z_-]+\s*$/;

function nextNonBlank(lines: string[], from: number, limit: number): number[] {
  const found: number[] = [];
  for (let i = from; i < lines.length && found.length < limit; i += 1) {
    if ((lines[i] ?? '').trim() !== '') found.push(i);
  }
  return found;
}

function isHeaderBlock(lines: string[], start: number): boolean {
  return nextNonBlank(lines, start + 1, 5).some((i) => HEADER_FIELD.test(lines[i] ?? ''));
}

/** Moves a cut up over the rule, date or sender line that introduces a header block. */
function includeIntroduction(lines: string[], cut: number): number {
  let start = cut;
  for (let step = 0; step < 3; step += 1) {
    let previous = start - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous -= 1;
    const text = lines[previous] ?? '';
    if (previous < 0 || !(OUTLOOK_RULE.test(text) || DATE_LINE.test(text) || NOTES_SENDER.test(text))) break;
    start = previous;
  }
  return start;
}

/** Index of the first line that is not the sender's own text (lines.length when all are). */
export function findAuthorEnd(rawLines: string[]): number {
  const lines = rawLines.map((line) => foldWidth(line));
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '' || isOverlong(line)) continue;
    if (SEPARATOR_HEADER.test(line) || FORWARD_INTRO.test(line)) return i;
    if (HEADER_START.test(line) && isHeaderBlock(lines, i)) return includeIntroduction(lines, i);
    if (
      OUTLOOK_RULE.test(line) &&
      nextNonBlank(lines, i + 1, 1).some((j) => HEADER_START.test(lines[j] ?? ''))
    ) {
      return i;
    }
    if (LOTUS_TO.test(line) && nextNonBlank(lines, i + 1, 2).some((j) => LOTUS_NEXT.test(lines[j] ?? ''))) {
      return includeIntroduction(lines, i);
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
