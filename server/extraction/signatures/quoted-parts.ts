/**
 * Where the sender's own text ends in a plain-text body: the first line of a quoted reply or a
 * forwarded message. Everything from there on was written by someone else, so a quoted sender's
 * signature is never attributed to the author. HTML bodies are cut earlier, on their markup
 * (html-to-text.ts); this catches what survives as text: Outlook and OWA header blocks, Gmail and
 * Apple Mail "On … wrote:", Lotus Notes ("Name / date / To: / cc: / Subject:"), cc:Mail's
 * "Reply Separator", forwarded headers without any rule, Japanese clients, and the header words of
 * Outlook and Gmail in the languages list mail arrives in (German, French, Spanish, Dutch, Italian,
 * Nordic, Portuguese, Polish, Russian, Chinese).
 */
import { isOverlong } from './bounds';
import { GIVEN_NAMES } from './given-names';
import { isCompany, isNameLike } from './segment-kinds';
import { foldWidth } from './text-width';

// A rule of at least two of "-=_*" (spaces between them allowed; quote marks before it), then the words. Each run of spaces
// has one place in the pattern, so no input makes the engine try them several ways.
const SEPARATOR_HEADER =
  /^[ \t]*(?:>[ \t]?)*[-=_*](?:[ \t]*[-=_*])+[ \t]*(?:(?:original message|original appointment|original text|forwarded message|reply separator|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|元のメッセージ|転送メッセージ|オリジナルメッセージ|転送されたメッセージ)[-=_* \t]*$|forwarded by\b|message from\b)/i;
// Notes' forward line with its rules lost: "Forwarded by John Smith/HOU/ECT on 05/14/2001 10:22 AM".
const FORWARDED_BY = /^[ \t]*forwarded by [^\n]{1,120} on \d{1,2}\/\d{1,2}\/\d{2,4}\b/i;
const FORWARD_INTRO =
  /^\s*(?:begin forwarded message|forwarded message|転送されたメッセージ)\s*[:：][ \t]*$/i;
/**
 * A header field of a quoted or forwarded message, after any quote marks: its name. Raw trace and
 * ID fields count too, for a message forwarded with its headers.
 */
const HEADER_FIELD =
  /^[ \t]*(?:>[ \t]?)*\*?(from|sent by|sent|date|to|cc|bcc|subject|author|received|return-path|message-id|mime-version|reply-to|x-mailer|差出人|送信者|送信日時|送信日|日時|日付|宛先|件名|von|gesendet|an|betreff|de|envoyé|à|objet|enviado|para|asunto|van|verzonden|aan|onderwerp|da|inviato|oggetto|från|skickat|till|ämne|fra|sendt|til|emne|lähettäjä|lähetetty|vastaanottaja|kopio|aihe|enviada em|enviado em|assunto|od|wysłano|do|temat|от|отправлено|кому|тема|发件人|发送时间|收件人|抄送|主题|寄件者|寄件日期|收件者|副本|主旨)\s*(?:\*\s*)?[:：]/i;
/** Field names that are also everyday words ("A:", "An:"): they count only beside others. */
const WEAK_FIELDS = new Set(['an', 'de', 'à', 'para', 'van', 'aan', 'da', 'till', 'fra', 'til', 'od', 'do']);
const WROTE =
  /(?:\bwrote|\bwrites|\ba écrit|\bschrieb|\bescribió|\bha scritto|\bschreef|\bskrev|\bescreveu|\bnapisał(?:\(a\)|a)?|\bkirjoitti|написал(?:\(а\)|а)?|写道|寫道|さんは書きました|は書きました|のメッセージ|からのメッセージ)\s*[:：]\s*$/i;
const ON_DATE_START = /^\s*(?:On|Le|Am|El|Il|Op|Den|Em|W dniu|在)\s*\S.{4,}$/;
const DATED_ADDRESS_HEADER =
  /^\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[/-]\d{1,2}[/-]\d{1,2})[^<>@]{0,80}(?:<[^<>\s@]+@[^<>\s]+>|@[^\s:：]+)[ \t]*(?:[:：][ \t]*)?$/;
// "Original Message" with its rule lost (or never drawn), right above the header fields.
const ORIGINAL_LINE =
  /^[ \t]*(?:[-=_*]+[ \t]*)?original (?:message|appointment|text)[ \t]*(?:[-=_*]+[ \t]*)?(?::[ \t]*)?$/i;
// GroupWise: '>>> "John Smith" <john.smith@example.com> 05/14/01 10:22AM >>>'.
const GROUPWISE_HEADER = /^[ \t]*>>>[ \t].{1,200}[ \t]>>>[ \t]*$/;
const OUTLOOK_RULE = /^\s*_{10,}\s*$/;
const DATE_LINE = /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\s*$/i;
// Lotus Notes names a sender "Barry Tycholiz@ECT" (no dot) above the date and To: lines …
const NOTES_SENDER = /^\s*\S[^@]*@[A-Za-z_-]+\s*$/;
// … or '"John Smith" <john@example.com> on 05/14/2001 10:22:13 AM'.
const NOTES_ON_DATE = /\son \d{1,2}\/\d{1,2}\/\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?)?[ \t]*$/i;
// … or with the date at the end of the name's line: "John Smith    05/14/2001 10:22 AM".
const ENDS_WITH_DATE = /\s\d{1,2}\/\d{1,2}\/\d{2,4}[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AP]M)?[ \t]*$/i;
// … or as an address, named or bare, above the date: '"Smith, John" <john.smith@example.com>'.
const NAMED_ADDRESS =
  /^[ \t]*(?:"[^"]{1,80}"[ \t]*|[^<>@"\s][^<>@"]{0,80})?<[^<>\s@]+@[^<>\s]+>[ \t]*$|^[ \t]*[^<>@\s]+@[^<>@\s]+[ \t]*$/;
// The second line of a Notes letterhead finishes the company's name: "Corp.", "- Europe".
const BANNER_TAIL =
  /^(?:[-–,&][ \t]?[A-Z][A-Za-z.]{0,20}|(?:Inc|Corp|Corporation|Ltd|Limited|LLC|L\.L\.C|LLP|L\.P|Co)\.?)$/;
// Notes puts "Please respond to …" between the date and the To: line.
const PLEASE_RESPOND = /^[ \t]*please respond to\b/i;

/** Nordic Gmail sets the verb before the name: "Den ons 21 juni 2017 kl 14:45 skrev Kim <kim@…>:". */
function wroteBeforeName(line: string): boolean {
  const text = line.trimEnd();
  const verb = text.toLowerCase().lastIndexOf(' skrev ');
  if (verb < 0 || !/[:：]$/.test(text)) return false;
  const named = text.slice(verb + ' skrev '.length, -1);
  return named.trim() !== '' && !/[:：]/.test(named);
}

function nextNonBlank(lines: string[], from: number, limit: number): number[] {
  const found: number[] = [];
  for (let i = from; i < lines.length && found.length < limit; i += 1) {
    if ((lines[i] ?? '').trim() !== '') found.push(i);
  }
  return found;
}

/**
 * The header field a line holds: at its start, or in its last column, where a Notes memo sets the
 * fields beside the sender's name and date ("John Smith        To: Kim Ward/HOU/ECT@ECT").
 */
function fieldOf(line: string): string | undefined {
  const field = HEADER_FIELD.exec(line)?.[1];
  if (field) return field.toLowerCase();
  const columns = line.trim().split(/\t+| {2,}/);
  if (columns.length < 2 || (columns[0]?.length ?? 0) > 60) return undefined;
  const last = HEADER_FIELD.exec(columns.at(-1) ?? '')?.[1]?.toLowerCase();
  return last && !WEAK_FIELDS.has(last) ? last : undefined;
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
  if (ORIGINAL_LINE.test(line)) return true;
  if (line.length < 200 && (NOTES_ON_DATE.test(line) || PLEASE_RESPOND.test(line))) return true;
  if (line.length < 120 && ENDS_WITH_DATE.test(line)) return true;
  // A bare name or an address above a Notes date or "Sent by:" line: "John Smith / 05/14/2001 10:22 AM".
  if (!DATE_LINE.test(next) && fieldOf(next) !== 'sent by') return false;
  return isNameLike(line.trim()) || (line.length < 200 && NAMED_ADDRESS.test(line));
}

/**
 * Notes sets its letterhead, the sender's company on a line or two ("Fabrikam Energy Corp."), a
 * blank line above a "From:  John Smith   05/14/2001 10:22 AM" header: the paragraph's first
 * line, or `start` when there is no such banner.
 */
function includeBanner(lines: string[], start: number): number {
  const header = lines[start] ?? '';
  if (fieldOf(header) !== 'from' || header.length >= 200 || !ENDS_WITH_DATE.test(header)) return start;
  let bottom = start - 1;
  while (bottom >= 0 && (lines[bottom] ?? '').trim() === '') bottom -= 1;
  if (bottom < 0 || bottom === start - 1) return start;
  let top = bottom;
  if (bottom > 0 && (lines[bottom - 1] ?? '').trim() !== '') top = bottom - 1;
  if (top > 0 && (lines[top - 1] ?? '').trim() !== '') return start;
  // The company opens the banner; a second line may only finish its name ("Corp.", "- Europe").
  const [first = '', second] = lines.slice(top, bottom + 1).map((line) => line.trim());
  if (second !== undefined && !BANNER_TAIL.test(second)) return start;
  const banner = second === undefined ? first : `${first} ${second}`;
  if (banner.length > 80) return start;
  // A firm ("… Corp.", "… Partners"), or capitalised words that open with no person's given name
  // ("Fabrikam Energy Services", "ECT Canada"): "Kim Ward" a blank line above is the author's.
  const words = first.split(/\s+/);
  const unit = words.length >= 2 && isNameLike(first) && !GIVEN_NAMES.has(words[0]?.toLowerCase() ?? '');
  return isCompany(banner) || unit ? top : start;
}

/**
 * "From:  John Smith        05/14/2001 10:22 AM", "From: John Smith on 05/14/2001 10:22 AM": a Notes
 * header line names the sender and the time, and is a header even with no other field under it.
 */
function datedFromLine(line: string): boolean {
  return (
    line.length < 200 && fieldOf(line) === 'from' && (ENDS_WITH_DATE.test(line) || NOTES_ON_DATE.test(line))
  );
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
  // Notes pads its header lines with spaces to the page width: those do not make a line long.
  const lines = rawLines.map((raw) => {
    const line = raw.trimEnd();
    return isOverlong(line) ? '' : foldWidth(line);
  });
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (SEPARATOR_HEADER.test(line) || FORWARD_INTRO.test(line)) return i;
    if (line.length < 200 && FORWARDED_BY.test(line)) return i;
    // "John Smith <john@example.com>" / "05/14/2001 10:22 AM" / "To: …": one field under the date is enough.
    if (DATE_LINE.test(line) && nextNonBlank(lines, i + 1, 1).some((j) => fieldOf(lines[j] ?? ''))) {
      return includeIntroduction(lines, i);
    }
    if (GROUPWISE_HEADER.test(line) && /\d/.test(line)) return i;
    if (startsHeaderBlock(lines, i) || datedFromLine(line)) {
      return includeBanner(lines, includeIntroduction(lines, i));
    }
    if (OUTLOOK_RULE.test(line) && nextNonBlank(lines, i + 1, 1).some((j) => fieldOf(lines[j] ?? ''))) {
      return i;
    }
    if (line.length < 300 && (WROTE.test(line) || DATED_ADDRESS_HEADER.test(line))) return i;
    if (line.length < 300 && ON_DATE_START.test(line) && wroteBeforeName(line)) return i;
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
