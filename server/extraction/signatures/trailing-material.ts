/**
 * What sits below a signature and is not part of it: device footers ("Sent from my iPhone"),
 * attachment lists ("- budget.wpd", "<<contract.pdf>>", "Attachments: …"), mailing-list footers,
 * and disclaimers. The search for the signature starts above all of it.
 */
import type { LineFeatures } from './line-features';
import { foldWidth } from './text-width';
import { isOverlong } from './bounds';
import { AUTOMATED, DISCLAIMER, LIST_FOOTER } from './vocabulary';

const ATTACHMENT_LABEL = /^(?:attachments?|attached files?|enclosures?|添付(?:ファイル)?)\s*[:：]/i;
const FILE_NAME_END =
  /\.(?:wpd|docx?|xlsx?|xlsm|pptx?|pdf|txt|rtf|csv|zip|msg|eml|jpe?g|png|gif|tiff?|vsd|mpp|html?|xml|ics|vcf)(?:\s*\([^()]{0,20}\))?$/i;

/** "- Storage deal v3.wpd", "<<Exhibit A.xls>> <<Agreement.pdf>>", "Attachments: a.pdf; b.xls". */
export function isAttachmentLine(raw: string): boolean {
  const text = raw.trim();
  if (text.length > 200) return false;
  if (ATTACHMENT_LABEL.test(text)) return true;
  if (text.startsWith('<<') && text.endsWith('>>')) return true;
  const item = text.replace(/^[-*•·]\s*/, '');
  return FILE_NAME_END.test(item) && item.split(/\s+/).length <= 12;
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
  for (let k = start; k <= bottom; k += 1) {
    if (!DISCLAIMER.test(foldWidth(lines[k] ?? ''))) continue;
    const hasContactLine = features
      .slice(k, bottom + 1)
      .some(
        (line) =>
          line.signatureLike &&
          !line.prose &&
          line.segments.some((segment) => CONTACT_KINDS.has(segment.kind)),
      );
    if (visualLength(lines.slice(k, bottom + 1).join(' ')) >= 60 && !hasContactLine) return k;
  }
  return undefined;
}

/**
 * The last line of the sender's text once device footers, attachment lists, list footers (with the
 * rule above them) and disclaimers in known words are set aside; -1 when nothing is left.
 */
export function lastLineAboveTrailing(lines: string[], features: LineFeatures[], end: number): number {
  let bottom = end - 1;
  let peeled = -1;
  for (;;) {
    while (bottom >= 0 && features[bottom]?.blank) bottom -= 1;
    if (bottom < 0) return -1;
    const line = features[bottom] as LineFeatures;
    const text = foldWidth(lines[bottom] ?? '').trim();
    const footer = line.deviceFooter || isAttachmentLine(text) || LIST_FOOTER.test(text);
    if (footer || (line.separator && peeled === bottom + 1)) {
      peeled = bottom;
      bottom -= 1;
      continue;
    }
    const disclaimer = disclaimerStart(lines, features, bottom);
    if (disclaimer === undefined) return bottom;
    bottom = disclaimer - 1;
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
  const start = paragraphStart(features, bottom);
  const paragraph = features.slice(start, bottom + 1);
  // A device footer may sit on the notice's first line ("Sent from my iPhone" right above it).
  if (!paragraph.every((line) => line.prose || !line.signatureLike || line.deviceFooter)) return undefined;
  const prose = lines.slice(start, bottom + 1).filter((_, k) => !paragraph[k]?.deviceFooter);
  return visualLength(prose.join(' ')) >= 60 ? start : undefined;
}

/** "This is an automated message", "Unsubscribe | Manage preferences" (a list's own footer aside). */
export function isAutomatedNotice(raw: string): boolean {
  if (isOverlong(raw)) return false;
  const text = foldWidth(raw).trim();
  return text !== '' && AUTOMATED.test(text) && !LIST_FOOTER.test(text);
}
