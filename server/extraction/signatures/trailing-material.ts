/**
 * What sits below a signature and is not part of it: device footers ("Sent from my iPhone"),
 * sayings in quotation marks, attachment lists ("- budget.wpd", "<<contract.pdf>>", "Attachments: …"), mailing-list footers,
 * and disclaimers. The search for the signature starts above all of it.
 */
import type { LineFeatures } from './line-features';
import { foldWidth } from './text-width';
import { isOverlong } from './bounds';
import { AUTOMATED, DISCLAIMER, FREE_MAIL_AD, LIST_FOOTER } from './vocabulary';

const ATTACHMENT_LABEL = /^(?:attachments?|attached files?|enclosures?|添付(?:ファイル)?)\s*[:：]/i;
const FILE_NAME_END =
  /\.(?:wpd|docx?|xlsx?|xlsm|pptx?|pdf|txt|rtf|csv|zip|msg|eml|jpe?g|png|gif|tiff?|bmp|svg|heic|vsd|mpp|html?|xml|ics|vcf|od[tsp]|log|ya?ml|json|conf|properties|tar|t?gz|7z|rar|jar|sql|mp4|mov)(?:\s*\([^()]{0,20}\))?$/i;

// Lotus Notes marks attachments and pictures it took out of the text in words of its own.
const NOTES_ATTACHMENT = /^(?:\(see attached file:[^()]{1,120}\)[ \t]*)+$|^embedded image moved to file:/i;
// Outlook and Exchange leave placeholders where they took out an object or an attachment:
// "<Embedded Picture (Device Independent Bitmap)>", "[Attachment deleted by …]"; or a bare "Attachment".
const OBJECT_PLACEHOLDER =
  /^<{1,2}embedded [^<>]{1,80}>{1,2}$|^\[attachment deleted by [^[\]]{1,80}\]$|^(?:attachments?|enclosures?)$/i;
// "[Fabrikam]", "[Follow us]": what is left of linked pictures (a logo, a banner) once their
// links are dropped — their alternative text in brackets, nothing else on the line.
const PICTURE_TEXT = /^(?:\[[^[\]]{1,60}\][ \t]*)+$/;
// "P.S. Don't forget lunch", "PS - the numbers are attached": a postscript under the signature.
const POSTSCRIPT = /^p\.?\s?(?:p\.?\s?)?s\.?(?:[\s:-]|$)/i;
const OPENING_QUOTE = '"“„«';
const CLOSING_QUOTE = '"”“»';

/**
 * “Simplicity is prerequisite for reliability.” — E. W. Dijkstra: a saying a writer keeps under
 * the signature, in quotation marks, with its author after a dash or nothing after it.
 */
export function isQuotation(raw: string): boolean {
  const text = raw.trim();
  if (text.length < 12 || text.length > 240 || !OPENING_QUOTE.includes(text[0] ?? '')) return false;
  const close = Math.max(...[...CLOSING_QUOTE].map((mark) => text.lastIndexOf(mark)));
  if (close < 8) return false;
  const after = text.slice(close + 1).trim();
  return after === '' || after === '.' || /^[-–—~]{1,2} ?\p{Lu}[\p{L}.' -]{1,40}$/u.test(after);
}

/** A postscript longer than this many lines is the message going on, not a postscript. */
const MAX_POSTSCRIPT_LINES = 6;

/**
 * "- Storage deal v3.wpd", "<<Exhibit A.xls>> <<Agreement.pdf>>", "Attachments: a.pdf; b.xls",
 * "(See attached file: Q2 forecast.xls)", "Embedded image moved to file: pic12345.pcx".
 */
export function isAttachmentLine(raw: string): boolean {
  const text = raw.trim();
  if (text.length > 200) return false;
  if (ATTACHMENT_LABEL.test(text) || NOTES_ATTACHMENT.test(text) || OBJECT_PLACEHOLDER.test(text))
    return true;
  if (PICTURE_TEXT.test(text)) return true;
  if (text.startsWith('<<') && text.endsWith('>>')) return true;
  const item = text.replace(/^[-*•·]\s*/, '');
  return FILE_NAME_END.test(item) && item.split(/\s+/).length <= 12;
}

/** The first line of a short postscript paragraph ending at `bottom`, with something above it. */
function postscriptStart(lines: string[], features: LineFeatures[], bottom: number): number | undefined {
  const start = paragraphStart(features, bottom);
  if (start === 0 || bottom - start >= MAX_POSTSCRIPT_LINES) return undefined;
  return POSTSCRIPT.test(foldWidth(lines[start] ?? '').trim()) ? start : undefined;
}

/** The paragraph (run of non-blank lines) that ends at `bottom`: its first index. */
export function paragraphStart(features: LineFeatures[], bottom: number): number {
  let start = bottom;
  while (start > 0 && !features[start - 1]?.blank) start -= 1;
  return start;
}

/** Length as a reader sees it: a kanji or kana is as wide as two Latin letters. */
function visualLength(text: string): number {
  return text.length + (text.match(/[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]/g)?.length ?? 0);
}

const CONTACT_KINDS = new Set(['phone', 'email', 'url', 'address', 'extension']);

/** First line of a disclaimer (known words) that runs to `bottom`, or undefined when there is none. */
function disclaimerStart(lines: string[], features: LineFeatures[], bottom: number): number | undefined {
  const start = paragraphStart(features, bottom);
  // A number or an address under the words is a signature's; a web address is the notice's own
  // ("Please refer to http://…/disclaimer for our confidentiality notice").
  for (let k = start; k <= bottom; k += 1) {
    if (!DISCLAIMER.test(foldWidth(lines[k] ?? ''))) continue;
    const hasContactLine = features
      .slice(k, bottom + 1)
      .some(
        (line) =>
          line.signatureLike &&
          !line.prose &&
          line.segments.some((segment) => segment.kind !== 'url' && CONTACT_KINDS.has(segment.kind)),
      );
    const notice = lines.slice(k, bottom + 1).join(' ');
    // One short sentence will do ("This email is confidential."): a stop ends it.
    const sentence = k === bottom && /\.\s*$/.test(notice) && visualLength(notice) >= 20;
    if ((visualLength(notice) >= 60 || sentence) && !hasContactLine) return k;
  }
  return undefined;
}

/** Most lines a paragraph of stray organisation lines under the signature has. */
const MAX_STRAY_LINES = 2;

/**
 * A short paragraph at the bottom that reads like a signature line but anchors none ("The Boston
 * Consulting Group, Inc." under a notice, a firm's tagline and web address under "--"): the firm's
 * footer, set aside like a notice is, so the search goes on above it. It never carries a number or
 * an address of its own.
 */
export function strayLinesStart(features: LineFeatures[], bottom: number): number | undefined {
  const start = paragraphStart(features, bottom);
  const paragraph = features.slice(start, bottom + 1);
  // A rule over the lines ("--") is not counted: it sets them apart, as it does a footer.
  const counted = paragraph.filter((line, k) => k > 0 || !line.separator);
  if (counted.length > MAX_STRAY_LINES || start === 0) return undefined;
  // The firm's web address may be among them; a number or an address to reach somebody may not.
  const stray = paragraph.every(
    (line) =>
      line.signatureLike &&
      !line.quoted &&
      !line.segments.some((segment) => segment.kind !== 'url' && CONTACT_KINDS.has(segment.kind)),
  );
  return stray ? start : undefined;
}

/** How many lines a PGP signature block spans at most. */
const MAX_PGP_LINES = 40;

/** How many lines a free-mail advertisement spans at most, its blank lines included. */
const MAX_AD_LINES = 6;

// "IMPORTANT NOTICE", "Confidentiality Notice:": the heading a notice has on a line of its own.
const NOTICE_WORD =
  /\b(?:notice|disclaimer|confidential(?:ity)?|privileged|warning|important|legal|privacy)\b/i;

function isNoticeHeading(text: string): boolean {
  if (text.length > 50 || text.split(/\s+/).length > 6 || !NOTICE_WORD.test(text)) return false;
  return !/[a-z]/.test(text) || text.endsWith(':') || text.endsWith('：');
}

/**
 * The same rule as line `rule` stands a few lines above it: the two box a signature in. The
 * signature delimiter "-- " opens a signature and never closes one: a second one under it leads
 * into the notice.
 */
function opensBox(lines: string[], rule: number): boolean {
  const text = (lines[rule] ?? '').trim();
  if (text === '--') return false;
  for (let i = rule - 1; i >= Math.max(0, rule - 18); i -= 1)
    if ((lines[i] ?? '').trim() === text) return true;
  return false;
}

/** "-----BEGIN PGP SIGNATURE-----" … "-----END PGP SIGNATURE-----" closing the text: a key's signature, not a person's. */
function pgpSignatureStart(lines: string[], end: number): number | undefined {
  let last = end - 1;
  while (last >= 0 && (lines[last] ?? '').trim() === '') last -= 1;
  if ((lines[last] ?? '').trim() !== '-----END PGP SIGNATURE-----') return undefined;
  for (let i = last - 1; i >= Math.max(0, last - MAX_PGP_LINES); i -= 1)
    if ((lines[i] ?? '').trim() === '-----BEGIN PGP SIGNATURE-----') return i;
  return undefined;
}

/** The first line of a free-mail advertisement among the last lines before `end`. */
function freeMailAdStart(lines: string[], end: number): number | undefined {
  for (let i = Math.max(0, end - MAX_AD_LINES); i < end; i += 1) {
    const text = lines[i] ?? '';
    if (!isOverlong(text) && FREE_MAIL_AD.test(foldWidth(text).trim())) return i;
  }
  return undefined;
}

/**
 * The last line of the sender's text once device footers, attachment lists, list footers (with the
 * rule above them) and disclaimers in known words are set aside; -1 when nothing is left. With
 * `belowNotice`, a notice was set aside under `end` already, so a heading of its own goes too.
 */
export function lastLineAboveTrailing(
  lines: string[],
  features: LineFeatures[],
  end: number,
  belowNotice = false,
): number {
  // A free-mail service appends its advertisement last, and its lines go on past the first one
  // ("Do You Yahoo!?" / "Get personalized email addresses … only $35" / "a year! http://…").
  const ad = freeMailAdStart(lines, end) ?? pgpSignatureStart(lines, end);
  let bottom = (ad ?? end) - 1;
  let peeled = ad ?? -1;
  let noticeAt = -1;
  let noticeBelow = belowNotice;
  for (;;) {
    while (bottom >= 0 && features[bottom]?.blank) bottom -= 1;
    if (bottom < 0) return -1;
    const line = features[bottom] as LineFeatures;
    const text = foldWidth(lines[bottom] ?? '').trim();
    const footer =
      line.deviceFooter ||
      isAttachmentLine(text) ||
      LIST_FOOTER.test(text) ||
      FREE_MAIL_AD.test(text) ||
      isQuotation(text);
    const postscript = postscriptStart(lines, features, bottom);
    if (postscript !== undefined) {
      bottom = postscript - 1;
      continue;
    }
    const heading = noticeBelow && isNoticeHeading(text) && paragraphStart(features, bottom) === bottom;
    noticeBelow = false;
    if (heading) {
      bottom -= 1;
      continue;
    }
    // A rule leads into the notice or footer right under it; with blank lines between, only when
    // it does not close a box the signature stands in.
    const closesBox = line.separator && opensBox(lines, bottom);
    const leadsIn =
      peeled === bottom + 1
        ? !(closesBox && noticeAt === peeled)
        : peeled > bottom && !closesBox && features.slice(bottom + 1, peeled).every((k) => k.blank);
    if (footer || (line.separator && leadsIn)) {
      peeled = bottom;
      bottom -= 1;
      continue;
    }
    const disclaimer = disclaimerStart(lines, features, bottom);
    if (disclaimer === undefined) return bottom;
    bottom = disclaimer - 1;
    // A rule right above the notice belongs to it, like the one above a list footer, unless the
    // same rule opens the signature too: then it closes the signature's box.
    peeled = disclaimer;
    noticeAt = disclaimer;
    noticeBelow = true;
  }
}

/**
 * The first line of the bottom paragraph when it is running prose long enough to be a disclaimer or
 * a notice in words no pattern knows ("The information in this e-mail is the property of …").
 */
export function trailingProseStart(
  lines: string[],
  features: LineFeatures[],
  bottom: number,
): number | undefined {
  // A device footer may sit on the notice's first line ("Sent from my iPhone" right above it), and
  // rules may box the notice in ("*****" above and below it).
  const aside = (line: LineFeatures): boolean => line.deviceFooter || line.separator;
  const notice = (line: LineFeatures): boolean => line.prose || !line.signatureLike || aside(line);
  // The notice is the paragraph's closing run of such lines: it may follow the signature without
  // a blank line between them.
  const top = paragraphStart(features, bottom);
  let start = bottom + 1;
  while (start > top && notice(features[start - 1] as LineFeatures)) start -= 1;
  if (start > bottom) return undefined;
  // Right under other lines, only sentences count: a capital opens the notice, and every line is prose.
  const sentences = features.slice(start, bottom + 1).every((line) => line.prose || aside(line));
  if (start > top && (!/^\s*\p{Lu}/u.test(lines[start] ?? '') || !sentences)) return undefined;
  const paragraph = features.slice(start, bottom + 1);
  const prose = lines.slice(start, bottom + 1).filter((_, k) => !aside(paragraph[k] as LineFeatures));
  return visualLength(prose.join(' ')) >= 60 ? start : undefined;
}

/** "This is an automated message", "Unsubscribe | Manage preferences" (a list's own footer aside). */
export function isAutomatedNotice(raw: string): boolean {
  if (isOverlong(raw)) return false;
  const text = foldWidth(raw).trim();
  return text !== '' && AUTOMATED.test(text) && !LIST_FOOTER.test(text);
}
