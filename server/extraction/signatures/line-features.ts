/**
 * What one line of a message looks like, judged on its own: a closing, a name, contact details,
 * an organisation, or running prose. Block detection (block-detection.ts) reads these judgements
 * from the bottom of the message upwards.
 */
import {
  classifyWithCommas,
  commaPieces,
  EMAILS,
  isNameLike,
  splitSegments,
  type SegmentKind,
} from './segment-kinds';
import type { SenderProfile } from './sender';
import { isOverlong, MAX_COLUMNS } from './bounds';
import { foldWidth, trimEndOf } from './text-width';
import {
  DEVICE_FOOTER,
  LIST_FOOTER,
  SIGN_OFF,
  SIGN_OFF_EUROPE,
  SIGN_OFF_JA,
  SIGN_OFF_ZH,
} from './vocabulary';

export interface LineFeatures {
  blank: boolean;
  quoted: boolean;
  separator: boolean;
  /** The conventional signature delimiter "-- " (RFC 3676). */
  sigDash?: boolean;
  signOff: boolean;
  /** The name after a closing on the same line ("Thanks, BT"), if any. */
  signOffName?: string;
  deviceFooter: boolean;
  senderName: boolean;
  senderAddress: boolean;
  segments: { text: string; kind: SegmentKind }[];
  /** Every segment is something a signature holds. */
  signatureLike: boolean;
  prose: boolean;
}

const SEPARATOR = /^(?:[-_=*~#.•・─━＝+<>]\s?){2,}$|^--\s*$/;

function matchesSenderName(text: string, profile: SenderProfile): boolean {
  const compact = text.replace(/[\s\u3000]/g, '');
  const fullName = profile.cjkTokens.join('');
  if (fullName.length >= 2 && compact.includes(fullName)) return true;
  for (const token of profile.cjkTokens) if (token.length >= 2 && text.includes(token)) return true;
  // Initials alone ("BT") are too weak to anchor a signature; after a closing they count (rule B).
  const words = text.split(/[^\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}'-]+/u).filter(Boolean);
  for (const word of words) {
    const lower = word.toLowerCase();
    if (profile.nameTokens.has(lower)) return true;
    // Run-together names: "JohnAnderson".
    if (word.length >= 8)
      for (const token of profile.nameTokens) if (token.length >= 4 && lower.includes(token)) return true;
  }
  return false;
}

/** One or two lower-case words, each a part of the sender's name ("jeff", "kay mann"). */
export function isLowerCaseSenderName(text: string, profile: SenderProfile): boolean {
  if (!/^\p{Ll}[\p{Ll}'-]+(?: \p{Ll}[\p{Ll}'-]+)?$/u.test(text)) return false;
  return text.split(' ').every((word) => profile.nameTokens.has(word));
}

const SIGN_OFF_WITH_NAME = /^(.{2,30}?)[,.!]\s+(\S.{0,40})$/;

/** "-Hoss", "- Frank", "--Alex": a dash and a short name close many list messages. */
const DASH_NAME = /^[-–—~]{1,2} ?(\p{Lu}[\p{L}']*(?: \p{Lu}[\p{L}']*)?)$/u;

function signOffParts(text: string): { signOff: boolean; name?: string } {
  if ([SIGN_OFF, SIGN_OFF_EUROPE, SIGN_OFF_JA, SIGN_OFF_ZH].some((closing) => closing.test(text)))
    return { signOff: true };
  const dashed = DASH_NAME.exec(text);
  if (dashed) return { signOff: true, name: dashed[1] };
  const match = SIGN_OFF_WITH_NAME.exec(text);
  const closing = match?.[1] ?? '';
  // "Thanks, BT", "Viele Grüße, Klaus": the name after a closing on its line.
  if (
    match &&
    (SIGN_OFF.test(closing) || SIGN_OFF_EUROPE.test(closing)) &&
    isNameLike(trimEndOf(match[2] ?? '', '.,!'))
  ) {
    return { signOff: true, name: trimEndOf(match[2] ?? '', '.,! \t') };
  }
  return { signOff: false };
}

/** "*John Blythe*", "_Sales_": emphasis a plain-text client kept from rich text. */
function withoutEmphasis(line: string): string {
  const trimmed = line.trim();
  const mark = trimmed[0];
  if ((mark === '*' || mark === '_') && trimmed.length > 2 && trimmed.endsWith(mark)) {
    const inner = trimmed.slice(1, -1);
    if (!inner.includes(mark)) return inner;
  }
  return line;
}

/** "[image: Logo]", "[cid:image001.png@01D…]": placeholders of pictures a client left in the text. */
function withoutImages(line: string): string {
  return line.includes('[') ? line.replace(/\[(?:image|cid|inline image)\b[^[\]]*\]/gi, ' ') : line;
}

const CONTACT_KINDS: ReadonlySet<SegmentKind> = new Set(['phone', 'email', 'url', 'extension']);

/**
 * A column, or several set apart by two spaces only ("713.555.0139 (Phone)  713.646.3490 (Fax)"):
 * two spaces also follow a full stop in prose, so they split a column only when every piece is
 * a contact detail.
 */
function classifyColumn(column: string, profile: SenderProfile): LineFeatures['segments'] {
  const whole = classifyWithCommas(column, profile);
  if (!whole.some((segment) => segment.kind === 'prose') || !column.includes('  ')) return whole;
  const pieces = column
    .split(/ {2,}/)
    .filter(Boolean)
    .flatMap((piece) => classifyWithCommas(piece, profile));
  return pieces.length > 1 && pieces.every((piece) => CONTACT_KINDS.has(piece.kind)) ? pieces : whole;
}

/** "Kim Ward=20", "=09": what a quoted-printable body leaves when it is shown undecoded. */
function withoutQuotedPrintable(line: string): string {
  if (!line.includes('=')) return line;
  const trimmed = line.endsWith('=20') ? line.slice(0, -3) : line;
  return trimmed.replaceAll('=09', '\t').replaceAll('=3D', '=');
}

export function describeLine(raw: string, profile: SenderProfile): LineFeatures {
  const line = withoutEmphasis(withoutImages(withoutQuotedPrintable(raw)));
  const text = foldWidth(line).trim();
  const features: LineFeatures = {
    blank: text === '',
    quoted: /^>/.test(text),
    separator: false,
    signOff: false,
    deviceFooter: false,
    senderName: false,
    senderAddress: false,
    segments: [],
    signatureLike: false,
    prose: false,
  };
  if (features.blank || features.quoted) return features;
  // A list's footer ("To unsubscribe, e-mail: …"), here or quoted along with a message, is no part
  // of anyone's signature.
  if (isOverlong(text) || LIST_FOOTER.test(text)) {
    features.segments = [{ text: '', kind: 'prose' }];
    features.prose = true;
    return features;
  }
  features.separator = SEPARATOR.test(text);
  features.sigDash = text === '--';
  features.deviceFooter = DEVICE_FOOTER.test(text);
  if (features.separator || features.deviceFooter) {
    features.signatureLike = true;
    return features;
  }
  const closing = signOffParts(text);
  features.signOff = closing.signOff;
  features.signOffName = closing.name;
  const columns = splitSegments(line);
  // A signature line has a few columns ("T: … | M: … | web"); dozens are a table or junk.
  features.segments =
    columns.length > MAX_COLUMNS
      ? [{ text: '', kind: 'prose' }]
      : columns.flatMap((segment) => classifyColumn(segment, profile));
  const emails = text.match(EMAILS) ?? [];
  features.senderAddress =
    profile.address !== '' && emails.some((email) => email.toLowerCase() === profile.address);
  const firstPiece = commaPieces(features.segments[0]?.text ?? '')[0] ?? '';
  const nameTexts = [
    closing.name ?? '',
    ...features.segments.filter((segment) => segment.kind === 'name').map((segment) => segment.text),
    isNameLike(firstPiece) ? firstPiece : '',
  ].filter(Boolean);
  // A one-kanji surname alone on its line ("森") is a name only because the sender is called so.
  const cjkSurname = profile.cjkTokens.includes(text) && features.segments.length === 1;
  if (cjkSurname) features.segments = [{ text, kind: 'name' }];
  // "jeff" under "thanks,": written in lower case, a name only because the sender is called so.
  const lowerName = isLowerCaseSenderName(text, profile) && features.segments.length === 1;
  if (lowerName) features.segments = [{ text, kind: 'name' }];
  // "JS x3456": the sender's initials with the number to reach them on. Initials alone at the end
  // of a message are a way to close it, like a closing, not a signature.
  const numbers = features.segments.slice(1);
  const initials =
    features.segments[0]?.kind === 'name' &&
    profile.initials.has(features.segments[0].text) &&
    numbers.length > 0 &&
    numbers.every((segment) => segment.kind === 'extension' || segment.kind === 'phone');
  features.senderName =
    cjkSurname || lowerName || initials || nameTexts.some((name) => matchesSenderName(name, profile));
  // "Monitoring * Alerting * Anomaly Detection": words in capitals listed side by side are a
  // firm's list of what it offers; a person's line holds one name.
  const names = features.segments.filter((segment) => segment.kind === 'name');
  if (names.length >= 3 && !features.senderName) for (const segment of names) segment.kind = 'short';
  if (features.signOff) {
    features.signatureLike = true;
    return features;
  }
  const kinds = features.segments.map((segment) => segment.kind);
  features.prose = kinds.includes('prose');
  features.signatureLike = !features.prose;
  return features;
}
