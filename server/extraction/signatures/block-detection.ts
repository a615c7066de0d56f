/**
 * Finding the signature block in the sender's own text. Signatures sit at the bottom, above any
 * device footer or disclaimer, so we read upwards from there collecting lines that look like a
 * signature, stop at running prose, and then decide where the block really starts: at the
 * sender's name (or a closing above it), at a closing followed by a name, at a separator, or at a
 * name followed by contact details. A block with none of these anchors is not a signature.
 */
import { describeLine, type LineFeatures } from './line-features';
import { GIVEN_NAMES } from './given-names';
import { findAuthorEnd } from './quoted-parts';
import type { SegmentKind } from './segment-kinds';
import { buildSenderProfile, type Sender, type SenderProfile } from './sender';
import { isContentBlock } from './content-blocks';
import { isFormBlock } from './forms';
import { findVcard } from './vcard';
import { readLines } from './read-lines';
import {
  isAutomatedNotice,
  lastLineAboveTrailing,
  strayLinesStart,
  trailingProseStart,
} from './trailing-material';

/** More non-blank lines than this, read upwards from the bottom, is no longer a signature. */
const MAX_BLOCK_LINES = 18;

/** How many paragraphs of a notice in unknown words may stand between the signature and the end. */
const MAX_NOTICE_PARAGRAPHS = 8;

/** How many lines from the bottom of the sender's text are read at all. */
const LINES_READ = 120;
const ABOVE_READ: LineFeatures = {
  blank: false,
  quoted: false,
  separator: false,
  signOff: false,
  deviceFooter: false,
  senderName: false,
  senderAddress: false,
  segments: [{ text: '', kind: 'prose' }],
  signatureLike: false,
  prose: true,
};

/** Addresses that take no replies, or bounce: no person writes from them. */
const NO_REPLY_SENDER = /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)[@+._-]/i;

const CONTACT: ReadonlySet<SegmentKind> = new Set(['phone', 'email', 'url', 'address', 'extension']);
const ORGANISATION: ReadonlySet<SegmentKind> = new Set(['company', 'title', 'department']);
const PERSONAL_CONTACT: ReadonlySet<SegmentKind> = new Set(['phone', 'email']);
/** Details that reach a person or a place: a web address alone reaches only a firm. */
const REACHABLE: ReadonlySet<SegmentKind> = new Set(['phone', 'email', 'address', 'extension']);

export interface SignatureBlock {
  /** Indices of the signature's non-blank lines, in order (device footer included). */
  lines: number[];
  /** The body's lines as the detector read them (readLines): the field parser reads the same. */
  text: string[];
  features: LineFeatures[];
  profile: SenderProfile;
  /** The vCard (BEGIN:VCARD … END:VCARD) the signature consists of, if it is one. */
  vcard?: { begin: number; end: number };
}

function kinds(features: LineFeatures): SegmentKind[] {
  return features.segments.map((segment) => segment.kind);
}

function startsWithName(features: LineFeatures): boolean {
  return features.segments[0]?.kind === 'name';
}

/** Not an acronym alone ("FYI", "FYR - https://…"), which reads as a name but opens a sentence; initials with a number ("BT 3-1587") are fine. */
function strongName(features: LineFeatures): boolean {
  const name = features.segments[0]?.text ?? '';
  const numbered = features.segments.some(
    (segment) => segment.kind === 'phone' || segment.kind === 'extension',
  );
  return features.senderName || numbered || !/^[A-Z]{2,5}$/.test(name);
}

function hasKind(features: LineFeatures, wanted: ReadonlySet<SegmentKind>): boolean {
  return kinds(features).some((kind) => wanted.has(kind));
}

export function findSignatureBlock(text: string, sender?: Sender): SignatureBlock {
  const lines = readLines(text);
  const profile = buildSenderProfile(sender ?? { address: '' });
  const end = findAuthorEnd(lines);
  // A signature, with a disclaimer and footer under it, fits in the last lines of the sender's text;
  // lines above those are not read and count as prose.
  const from = Math.max(0, end - LINES_READ);
  const features = lines
    .slice(0, end)
    .map((line, i) => (i < from ? ABOVE_READ : describeLine(line, profile)));
  const none: SignatureBlock = { lines: [], text: lines, features, profile };
  // Mail a machine wrote signs with a team or a shop, never with a person.
  if (NO_REPLY_SENDER.test(sender?.address ?? '')) return none;
  if (lines.slice(0, end).some((line) => isAutomatedNotice(line))) return none;

  // 1. Set aside footers, attachment lists and disclaimers under the signature.
  let bottom = lastLineAboveTrailing(lines, features, end);
  if (bottom < 0) return none;
  const vcard = findVcard(lines.slice(0, bottom + 1));
  if (vcard && vcard.end === bottom) {
    const start = closingAbove(features, vcard.begin);
    return {
      lines: range(start, bottom).filter((i) => !features[i]?.blank),
      text: lines,
      features,
      profile,
      vcard,
    };
  }

  // 2. The block that ends there; failing that, one above a notice in words no pattern knows,
  // which is believed only when it carries contact details.
  const found = blockEndingAt(features, bottom);
  const senderKnown = profile.nameTokens.size > 0;
  if (found && (isFormBlock(lines, found) || isContentBlock(lines, features, found, senderKnown)))
    return none;
  if (found) return { lines: withAttachedFooter(found, features), text: lines, features, profile };
  for (let skipped = 0; skipped < MAX_NOTICE_PARAGRAPHS; skipped += 1) {
    const prose = trailingProseStart(lines, features, bottom) ?? strayLinesStart(features, bottom);
    if (prose === undefined) break;
    bottom = lastLineAboveTrailing(lines, features, prose, true);
    if (bottom < 0) break;
    const above = blockEndingAt(features, bottom);
    if (above && isFormBlock(lines, above)) return none;
    if (above && above.some((i) => hasKind(features[i] as LineFeatures, CONTACT))) {
      return { lines: above, text: lines, features, profile };
    }
  }
  return none;
}

/**
 * A device footer set right under the block (no blank line between, a rule allowed) is part of the
 * signature as the phone appends it; one further down is not.
 */
function withAttachedFooter(block: number[], features: LineFeatures[]): number[] {
  const attached: number[] = [];
  for (let i = (block.at(-1) ?? -2) + 1; i < features.length; i += 1) {
    const line = features[i] as LineFeatures;
    if (!line.separator && !line.deviceFooter) break;
    attached.push(i);
    if (line.deviceFooter) return [...block, ...attached];
  }
  return block;
}

/**
 * A short line that reads as prose ("c/o Fabrikam Corp.", "a subsidiary of …") set tight between
 * signature lines, with contact details below it: the block goes on over it. A question, an
 * exclamation or a long sentence still ends the block.
 */
function bridges(features: LineFeatures[], i: number, below: number[]): boolean {
  const line = features[i] as LineFeatures;
  const above = features[i - 1];
  const text = line.segments.map((segment) => segment.text).join(' ');
  if (line.quoted || text.length > 60 || text.split(/\s+/).length > 8 || /[?!？！]$/.test(text)) return false;
  if (below[0] !== i + 1 || !above || above.blank || !above.signatureLike || above.signOff) return false;
  return below.some((k) => hasKind(features[k] as LineFeatures, CONTACT));
}

/** Signature-like lines collected upwards from `bottom`, cut where the block starts; undefined when none. */
function blockEndingAt(features: LineFeatures[], bottom: number): number[] | undefined {
  const candidate: number[] = [];
  let bridged = false;
  for (let i = bottom; i >= 0 && candidate.length < MAX_BLOCK_LINES; i -= 1) {
    const line = features[i] as LineFeatures;
    if (line.blank || line.deviceFooter) continue;
    if (!line.quoted && !line.signatureLike && !bridged && bridges(features, i, candidate)) {
      bridged = true;
      candidate.unshift(i);
      continue;
    }
    if (line.quoted || !line.signatureLike) break;
    candidate.unshift(i);
  }
  if (candidate.length === 0) return undefined;
  const start = chooseStart(candidate, features);
  return start === undefined ? undefined : candidate.filter((i) => i >= start);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
}

/** The first line of the closing ("Thanks,", a separator) directly above line `index`, else `index`. */
function closingAbove(features: LineFeatures[], index: number): number {
  let start = index;
  for (let i = index - 1; i >= 0; i -= 1) {
    const line = features[i] as LineFeatures;
    if (line.blank) continue;
    if (!line.signOff && !line.separator) break;
    start = i;
  }
  return start;
}

/** The local parts of the email addresses on these lines, lower-cased. */
function handlesIn(lines: LineFeatures[]): Set<string> {
  const handles = new Set<string>();
  for (const line of lines)
    for (const segment of line.segments)
      if (segment.kind === 'email') {
        const at = segment.text.indexOf('@');
        if (at > 1) handles.add(segment.text.slice(0, at).trim().toLowerCase());
      }
  return handles;
}

/**
 * Somebody can be told from these lines: the sender's name or address, a name (any one: a list of
 * given names knows only some), or a number or address to reach them. A firm's tagline under a rule
 * ("Monitoring * Alerting * Log Management / Search Support * http://…", its capitalised words
 * listed side by side and so no names) names nobody and is no signature.
 */
function namesSomebody(lines: LineFeatures[]): boolean {
  return lines.some(
    (line) =>
      line.senderName ||
      line.senderAddress ||
      line.signOffName !== undefined ||
      hasKind(line, REACHABLE) ||
      line.segments.some((segment) => segment.kind === 'name'),
  );
}

/** Where the block starts, or undefined when the candidate has no signature anchor. */
function chooseStart(candidate: number[], features: LineFeatures[]): number | undefined {
  const at = (position: number): LineFeatures => features[candidate[position] ?? -1] as LineFeatures;
  const count = candidate.length;
  const extendUp = (position: number, overOrganisation: boolean): number => {
    let top = position;
    let closings = at(position).signOff ? 1 : 0;
    const handles = handlesIn(candidate.slice(position).map((i) => features[i] as LineFeatures));
    while (top > 0) {
      const above = at(top - 1);
      const tight = (candidate[top - 1] as number) + 1 === (candidate[top] as number);
      // The writer's handle right over the block ("wunder" over "Walter Underwood",
      // wunder@…): signed by the name the address shows.
      const word = above.segments.length === 1 ? (above.segments[0]?.text.trim().toLowerCase() ?? '') : '';
      if (tight && top === position && handles.has(word)) {
        top -= 1;
        continue;
      }
      const organisationOnly =
        above.segments.length > 0 && kinds(above).every((kind) => ORGANISATION.has(kind) || kind === 'label');
      // One closing; a second one a paragraph further up is the last sentence of the body.
      const apart = (candidate[top - 1] as number) + 1 < (candidate[top] as number);
      if (above.signOff && closings > 0 && apart) break;
      // One rule opens the block; a second one stacked on it ("--" over "-----") belongs to the body.
      if (above.separator && at(top).separator) break;
      if (above.signOff || above.separator || (overOrganisation && organisationOnly)) {
        if (above.signOff) closings += 1;
        top -= 1;
      } else break;
    }
    return candidate[top] as number;
  };

  // A. The sender's name.
  for (let p = 0; p < count; p += 1) if (at(p).senderName) return extendUp(p, true);
  // B. A closing followed by a name: "Thanks,\n\nDiane", "Thanks, BT".
  for (let p = 0; p < count; p += 1) {
    const line = at(p);
    if (!line.signOff) continue;
    // A second closing under it ("Thanks in advance!" over "Thanks,") is where the block starts.
    const named = p + 1 < count && startsWithName(at(p + 1)) && !at(p + 1).signOff;
    if (line.signOffName || named) return extendUp(p, false);
  }
  // C. A separator followed by a name or an organisation, and contact details below; after the
  // conventional "-- " delimiter, a name alone is enough.
  for (let p = 0; p + 1 < count; p += 1) {
    if (!at(p).separator) continue;
    const next = at(p + 1);
    const rest = candidate.slice(p + 1).map((i) => features[i] as LineFeatures);
    const detailed = rest.some((f) => hasKind(f, CONTACT));
    const named = startsWithName(next) || hasKind(next, ORGANISATION);
    if ((named && (detailed || at(p).sigDash)) || (at(p).sigDash && hasKind(next, PERSONAL_CONTACT))) {
      if (namesSomebody(rest)) return extendUp(p, false);
    }
  }
  // D. A name followed by contact details or an organisation: a signature without a closing. Only
  // names and organisations may stand between the name and those details; other short lines there
  // ("rmr /queue/*", "work?") are the end of the body, and a later name is the signature's.
  const detailed = (kind: SegmentKind): boolean => CONTACT.has(kind) || ORGANISATION.has(kind);
  const nameOrOrganisation = (kind: SegmentKind): boolean =>
    kind === 'name' || kind === 'label' || detailed(kind);
  for (let p = 0; p < count; p += 1) {
    if (!startsWithName(at(p)) || !strongName(at(p))) continue;
    const rest = candidate.slice(p + 1).map((i) => features[i] as LineFeatures);
    if (!namesSomebody([at(p), ...rest])) continue;
    if (kinds(at(p)).slice(1).some(detailed)) return extendUp(p, true);
    const firstDetail = rest.findIndex((f) => kinds(f).some(detailed));
    if (firstDetail < 0) continue;
    if (rest.slice(0, firstDetail).every((f) => kinds(f).every(nameOrOrganisation))) return extendUp(p, true);
  }
  // E. The sender's own address, when no name was recognised above it.
  for (let p = 0; p < count; p += 1) if (at(p).senderAddress) return extendUp(p, true);
  // F. An organisation line followed by contact details (the name was not recognised).
  for (let p = 0; p + 1 < count; p += 1) {
    if (!hasKind(at(p), ORGANISATION)) continue;
    const rest = candidate.slice(p + 1).map((i) => features[i] as LineFeatures);
    if (rest.some((f) => hasKind(f, CONTACT)) && namesSomebody([at(p), ...rest])) return extendUp(p, true);
  }
  // G. A lone given name closing the message: "Bert", "Diane Smith".
  const last = at(count - 1);
  const lastName =
    last.segments.length === 1 && last.segments[0]?.kind === 'name' ? last.segments[0].text : '';
  const firstWord = lastName.split(/\s+/)[0]?.toLowerCase() ?? '';
  // Not the last of a list of names: the line above it must not be a name too.
  const alone = count === 1 || !startsWithName(at(count - 2));
  if (alone && lastName.split(/\s+/).length <= 3 && GIVEN_NAMES.has(firstWord))
    return extendUp(count - 1, false);
  return undefined;
}

/** Indices of the lines of `text` that belong to the sender's signature (blank lines excluded). */
export function detectSignatureLines(text: string, sender?: Sender): Set<number> {
  return new Set(findSignatureBlock(text, sender).lines);
}
