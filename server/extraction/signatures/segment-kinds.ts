/**
 * What one segment of a signature line is (a segment is a column of a line: "T: +1 206 555 0147"
 * in "T: +1 206 555 0147 | M: …"): contact data, an organisation, a name, short text or prose.
 */
import { isAddress, POSTCODE_CITY, STREET_BEFORE_NUMBER } from './addresses';
import { GIVEN_NAMES } from './given-names';
import type { SenderProfile } from './sender';
import { foldWidth, hasCjk, isMostlyCjk, withoutTrailingNote } from './text-width';
import {
  COMPANY_FORM_EN,
  COMPANY_FORM_JA,
  COMPANY_WORD_END,
  DEPARTMENT_END,
  DEPARTMENT_JA,
  LABEL_ONLY,
  SURNAMES_LIKE_DEPARTMENTS,
  TITLE_COMMUNITY,
  TITLE_EN,
  TITLE_EUROPE,
  TITLE_JA,
  UNIT_WORD,
} from './vocabulary';

export type SegmentKind =
  | 'email'
  | 'url'
  | 'phone'
  | 'extension'
  | 'address'
  | 'company'
  | 'title'
  | 'department'
  | 'name'
  | 'label'
  /** Company registration and legal notes of a letterhead ("Registered in England No. …", "Sitz: …"). */
  | 'legal'
  | 'short'
  | 'prose';

// The look-behind starts a match only at the beginning of a run of address characters, and the
// labels of the domain are separated by their dots: linear time on any input.
export const EMAIL =
  /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
export const EMAILS =
  /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
export const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'()]+/i;
const PHONE_DIGITS = /(?:\+|\(\d)?\d[\d\s().-]{5,}\d/;
const EXTENSION =
  /^(?:(?:x|ext|ext\.|extension|内線|#|\*)\s*(?:[-.]\s*)?[\d-]{3,8}|\d-\d{4}|\(?\d{3}\)? ?\d{3}-?\d{4}|x\d-\d{4})\.?$/i;
// A dash between two figures joins them: "700 - 2nd Street S.W." is a Canadian suite and street.
const SEGMENT_SPLIT =
  /\t+| {3,}|\u3000{2,}| [|｜] | [•·*] | \/ |(?<!\d) [-–—] | [-–—] (?!\d)|(?<!\s)\s+・\s+|(?<=\d)\s+\/\s*(?=[A-Za-z])/;
// A capitalised word in any alphabet (O'Brien, Ferron-Jones, Müller, Łukasz, Иван, McGrath, JohnAnderson, BERT), an initial (J., J.E.) or a
// short abbreviation (Dr., St.); a longer word with a full stop ends a sentence ("Sure.").
const NAME_WORD =
  /^(?:\p{Lu}\p{Ll}*(?:['’-]\p{Lu}?\p{Ll}+)*|[A-Z][a-z]{0,2}\.|[A-Z]\.(?:[A-Z]\.)?|Mc[A-Z][a-z]+|[A-Z]{2,12}|[A-Z][a-z]+[A-Z][a-z]+)$/u;
export const NAME_LINK = /^(?:and|&|de|van|von|der|da|del|la|le|di|du|bin|y)$/;
/** ", PhD", ", Jr." after a name. */
export const NAME_CREDENTIALS = /,\s*(?:Jr|Sr|II|III|IV|PhD|Ph\.D|MBA|CPA|PE|Esq|MD)\.?$/;
const NAME_SUFFIX = /^(?:Jr|Sr|II|III|IV|PhD|Ph\.D|MBA|CPA|PE|Esq|MD)\.?,?$/;
const CALENDAR_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun)\.?$|^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?$/;
const SENTENCE_END = /[.?!。？！]$/;
/** "Hi Bob,", "Dear Ms. Chen,", "田中様": the salutation opens the body, it does not close it. */
const GREETING = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b|(?:様|さま|殿|御中)[、,]?$/i;

/** A label before a number: one to three words and a colon or full stop ("Direct Line:", "Tel."), or one word ("Mobile"). */
const PHONE_LABEL =
  /^(?:[A-Za-z\u3040-\u30ff\u4e00-\u9fff]+(?:[ /][A-Za-z]+){0,2}\s*[:：.]|[A-Za-z\u3040-\u30ff\u4e00-\u9fff]{1,12}(?=\s))\s*/;

/**
 * Registration lines of European and UK letterheads, and the like; the board is named after a colon
 * ("Managing Directors: …"), since without one "Managing Director" is somebody's title.
 */
export const LEGAL_NOTE =
  /^(?:registered (?:in|office|address|no\b)|company (?:reg(?:istration)?\.?|number|no\b)|reg(?:istered)?\.? no\b|vat (?:no|reg|number)|sitz\b|amtsgericht\b|handelsregister\b|registergericht\b|ust-?id|geschäftsführung\b|(?:geschäftsführer(?:in)?|vorsitzende[rn]? de[rs] \w+|aufsichtsrat\w*|vorstand|managing directors?|board of directors|chairman of the (?:supervisory )?board|supervisory board)\s?:|kvk\b|siret\b|abn\b)/i;

/** An internal extension closing a column: "JS x3456", "Mark ext. 3-3425", "Kay (x3-7566)". */
const TRAILING_EXTENSION = /[\s,]\s?\(?((?:x|ext\.?|extension)\s?\d{1,2}(?:-\d{3,4}|\d{2,4}))\)?$/i;

/**
 * "JS x3456": initials or a name with the extension to dial them on, in one column. The two are
 * read apart; a number with its extension ("713-555-0139 x6721") stays one phone.
 */
function withExtensionApart(column: string): string[] {
  const match = TRAILING_EXTENSION.exec(column);
  if (!match) return [column];
  const head = column.slice(0, match.index).trim();
  // Only after a name or a label: "please call x3456" stays the sentence it is.
  if (!isNameLike(head) && !LABEL_ONLY.test(head)) return [column];
  return [head, match[1] ?? ''];
}

export function splitSegments(line: string): string[] {
  return line
    .split(SEGMENT_SPLIT)
    .map((segment) => segment.trim())
    .filter(Boolean)
    .flatMap(withExtensionApart);
}

export function isNameLike(text: string): boolean {
  const core = withoutTrailingNote(text).trim();
  if (core === '') return false;
  if (hasCjk(core)) {
    const cjkName = (part: string) =>
      /^[\u3040-\u30ff\u3400-\u9fff々]{1,5}(?:[ \u3000][\u3040-\u30ff\u3400-\u9fff々]{1,5})?$/.test(part) &&
      part.replace(/\s/g, '').length >= 2;
    if (cjkName(core)) return true;
    // "Zhang Wei 张伟", "张伟 Zhang Wei": the name in both scripts.
    const last = core.lastIndexOf(' ');
    const first = core.indexOf(' ');
    return (
      (last > 0 &&
        cjkName(core.slice(last + 1)) &&
        !hasCjk(core.slice(0, last)) &&
        isNameLike(core.slice(0, last))) ||
      (first > 0 &&
        cjkName(core.slice(0, first)) &&
        !hasCjk(core.slice(first + 1)) &&
        isNameLike(core.slice(first + 1)))
    );
  }
  const words = core.replace(/,\s*$/, '').replace(NAME_CREDENTIALS, '').split(/\s+/);
  if (words.length === 0 || words.length > 5) return false;
  // "Jan 5", "Mon": a date; but "Jan Hoydal", "May Chen" are people.
  const first = words[0] ?? '';
  if (CALENDAR_WORD.test(first) && (words.length === 1 || !GIVEN_NAMES.has(first.toLowerCase())))
    return false;
  let named = 0;
  for (const word of words) {
    if (NAME_SUFFIX.test(word) || NAME_LINK.test(word)) continue;
    // A nickname in brackets or quotes: "Kimberly (Kim) Ward", 'Robert "Bob" Smith'.
    const nickname = /^\((.{1,20})\)$|^"(.{1,20})"$|^“(.{1,20})”$/.exec(word);
    // A nickname may be written in lower case: Kim "kw" Ward.
    if (nickname && /^[\p{L}.' -]+$/u.test(nickname[1] ?? nickname[2] ?? nickname[3] ?? '')) continue;
    if (!NAME_WORD.test(word)) return false;
    named += 1;
  }
  return named > 0 && named <= 4;
}

// "Andrews Kurth Mayor Day Caldwell & Keeton", "Akin, Gump, Strauss, Hauer & Feld": partners' names.
const PARTNERS = /^[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){2,6},? & [A-Z][\w.'-]*$/;

export function isCompany(text: string, companyLabel?: string): boolean {
  if (COMPANY_FORM_JA.test(text)) return true;
  if (PARTNERS.test(text) && !UNIT_WORD.test(text) && !DEPARTMENT_END.test(text)) return true;
  const short = /^[A-Z0-9&\u0410-\u042F\u0401]/.test(text) && text.split(/\s+/).length <= 8;
  if (short && COMPANY_FORM_EN.test(text)) return true;
  // "Kinder Morgan Energy Partners" is a firm, "Vice President, Business Development Group" a title.
  if (short && COMPANY_WORD_END.test(text) && !TITLE_EN.test(text.replace(COMPANY_WORD_END, ''))) return true;
  if (!companyLabel || companyLabel.length < 4) return false;
  // A sentence that opens with the firm's name ("Northwind takes no responsibility …") is prose.
  if (text.length > 70 || text.split(/\s+/).length > 8) return false;
  const letters = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return letters.startsWith(companyLabel) || (letters.length >= 4 && companyLabel.startsWith(letters));
}

export function isTitle(text: string): boolean {
  if (hasCjk(text)) {
    return text.split(/[\s\u3000/／]+/).some((token) => TITLE_JA.test(token));
  }
  const titled = TITLE_EN.test(text) || TITLE_COMMUNITY.test(text) || TITLE_EUROPE.test(text);
  return titled && text.split(/\s+/).length <= 9;
}

export function isDepartment(text: string): boolean {
  if (hasCjk(text)) {
    return text
      .split(/[\s\u3000]+/)
      .some(
        (token) => token.length >= 3 && DEPARTMENT_JA.test(token) && !SURNAMES_LIKE_DEPARTMENTS.has(token),
      );
  }
  const words = text.split(/\s+/);
  if (words.length > 7 || !/^[A-Z&]/.test(text)) return false;
  // The unit word closes the name ("Vendor Management", "Sales Department") or opens it ("Office of …").
  return DEPARTMENT_END.test(text) || /^(?:Department|Division|Office|Bureau) of\b/.test(text);
}

const TITLE_CASE_WORD = /^(?:[A-Z&(]|(?:of|and|for|the|de|du|der|und|et|y)$)/;

function looksLikeProse(text: string): boolean {
  if (isMostlyCjk(text)) return text.length > 40 || (SENTENCE_END.test(text) && text.length > 14);
  const words = text.split(/\s+/);
  if (words.length > 8 || text.length > 70) return true;
  if (words.length >= 3 && /^[a-z]/.test(text) && !EMAIL.test(text) && !URL.test(text)) return true;
  if (words.length >= 2 && /[?!？！]$/.test(text)) return true;
  // "Corporate Legal Dept." ends with a full stop but is a name of a unit, not a sentence.
  const titleCase = words.length <= 6 && words.every((word) => TITLE_CASE_WORD.test(word));
  return words.length >= 3 && SENTENCE_END.test(text) && !titleCase;
}

/** "PGP fingerprint: 1234 5678 …", "GPG: 4096R/…": a key's figures, never a number to call. */
export const KEY_LINE = /^(?:(?:PGP|GPG|GnuPG|OpenPGP)\b|(?:key id|fingerprint)\s*[:=])/i;

/** "Title: Director", "会社名：株式会社サンプル": the label says what the value is. */
export const FIELD_LABEL =
  /^(name|full name|氏名|名前|title|job title|position|役職|company|organi[sz]ation|会社名?|department|dept\.?|部署|所属)\s*[:：]\s*(?=\S)/i;

function labelledKind(label: string): SegmentKind {
  if (/name|氏名|名前/i.test(label)) return 'name';
  if (/title|position|役職/i.test(label)) return 'title';
  if (/company|organi|会社/i.test(label)) return 'company';
  return 'department';
}

function classifySegment(raw: string, profile: SenderProfile): SegmentKind {
  const text = foldWidth(raw).trim();
  const labelled = FIELD_LABEL.exec(text);
  if (labelled) return labelledKind(labelled[1] ?? '');
  if (LABEL_ONLY.test(text)) return 'label';
  // "[1] https://…": a reference list under the text, not a signature.
  if (/^\[\d{1,3}\]/.test(text)) return 'prose';
  if (LEGAL_NOTE.test(text)) return 'legal';
  if (EMAIL.test(text) && text.replace(EMAIL, '').replace(/<?mailto:\S*>?/g, '').length < 24) return 'email';
  // "w: www.example.com", "t: @handle <https://twitter.com/handle>": a short label and a link or handle.
  const value = text.replace(/^[A-Za-z][A-Za-z ]{0,11}:(?!\/\/)\s*/, '');
  if (URL.test(value) && value.replace(URL, '').length < 16) return 'url';
  if (value !== text && /^@\w{2,30}\b/.test(value) && value.length < 80) return 'url';
  // A link written without its scheme: "about.me/alonso", "linkedin.com/in/jane-doe".
  if (/^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+\/\S*$/i.test(value)) return 'url';
  if (isAddress(text)) return 'address';
  if (KEY_LINE.test(text)) return 'short';
  // "Direct Line: (617) 555-0192 ext. 163": mostly digits once the label and extension are set aside.
  const number = text.replace(PHONE_LABEL, '').replace(/(?:ext\.?|extension|x|内線)\s*\d{1,6}\D{0,3}$/i, '');
  const digits = number.replace(/\D/g, '').length;
  if (PHONE_DIGITS.test(number) && digits >= 7 && digits >= number.replace(/[\s().+-]/g, '').length / 2)
    return 'phone';
  if (EXTENSION.test(text) || EXTENSION.test(text.replace(PHONE_LABEL, ''))) return 'extension';
  // A Japanese sentence that names a company ("…株式会社の山田です。") is still a sentence.
  if (hasCjk(text) && /。./.test(text)) return 'prose';
  if (GREETING.test(text)) return 'prose';
  if (isCompany(text, profile.companyLabel)) return 'company';
  if (looksLikeProse(text)) return 'prose';
  if (isTitle(text)) return 'title';
  if (isDepartment(text)) return 'department';
  if (isNameLike(text)) return 'name';
  const words = text.split(/\s+/);
  // Figures with hardly a word (coordinates, reference numbers) are not sentences.
  const letters = text.replace(/[^A-Za-z]/g, '').length;
  if ((words.length <= 5 && text.length <= 40) || (letters <= 4 && text.length <= 60)) return 'short';
  // "Big Data & Analytics Center of Excellence": a name of a unit in title case, no sentence.
  const titleCase = words.every((word) => TITLE_CASE_WORD.test(word)) && !/[.,;:]/.test(text);
  return titleCase && text.length <= 60 ? 'short' : 'prose';
}

const NOT_IN_A_TITLE =
  /^(?:a|an|the|i|we|you|he|she|it|they|is|are|was|were|be|am|need|needs|want|my|our|your|this|that|not|no|to)$/;

/** "search solution architect", "senior engineer": up to four lower-case words ending in a job. */
/** A whole word that is an English job title ("Architect"), compiled once. */
const TITLE_WORD = new RegExp(`^(?:${TITLE_EN.source})$`);

function isLowerCaseTitle(text: string): boolean {
  const words = text.split(' ');
  if (
    words.length > 4 ||
    !/^[a-z][a-z ]{2,50}$/.test(text) ||
    words.some((word) => NOT_IN_A_TITLE.test(word))
  )
    return false;
  const last = words.at(-1) ?? '';
  const capitalised = `${last.charAt(0).toUpperCase()}${last.slice(1)}`;
  return TITLE_WORD.test(capitalised);
}

export const LEGAL_FORM_TAIL =
  /^(?:Inc|Incorporated|Ltd|Limited|LLC|L\.L\.C|LLP|L\.L\.P|L\.P|P\.C|PLC|GmbH|AG|Corp|Co\.?,? ?Ltd|K\.K|KK|S\.A|Pty\.? Ltd|Pte\.? Ltd|Jr|Sr|II|III|PhD|MBA)\.?$/i;

/** "Finance Department, Best For You Organics" → two pieces; "Litware, Inc." stays one. */
export function commaPieces(text: string): string[] {
  const pieces: string[] = [];
  for (const piece of text
    .split(/,(?:\s+|(?=[A-Z]))/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    if (LEGAL_FORM_TAIL.test(piece) && pieces.length > 0)
      pieces[pieces.length - 1] = `${pieces.at(-1)}, ${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}

/**
 * A segment that reads as prose or plain short text may be several things joined by commas
 * ("Sales Department, Contoso Ltd."); when every piece is something a signature holds, the pieces
 * are the segments. Titles, companies and addresses keep their commas ("VP, Sales", "Seattle, WA").
 */
export function classifyWithCommas(
  segment: string,
  profile: SenderProfile,
): { text: string; kind: SegmentKind }[] {
  const kind = classifySegment(segment, profile);
  // "Fabrikam Building, 1400 Main Street": a firm's name opens the line, the street follows.
  const named = kind === 'company' && !COMPANY_FORM_EN.test(segment);
  if (!['prose', 'short', 'name'].includes(kind) && !named) return [{ text: segment, kind }];
  if (!segment.includes(',') || hasCjk(segment)) return [{ text: segment, kind }];
  const pieces = commaPieces(segment).map((piece) => ({
    text: piece,
    kind: classifySegment(piece, profile),
  }));
  if (named && !pieces.some((piece) => piece.kind === 'address')) return [{ text: segment, kind }];
  // "Veljka Dugosevica 54, 11060 Belgrade": the street before a postcode and city is the address's.
  pieces.forEach((piece, i) => {
    const next = pieces[i + 1];
    if (next?.kind === 'address' && POSTCODE_CITY.test(next.text) && STREET_BEFORE_NUMBER.test(piece.text))
      piece.kind = 'address';
    // "Jan Hoydal, search solution architect": a title some write in lower case, after the name.
    if (i > 0 && pieces[0]?.kind === 'name' && isLowerCaseTitle(piece.text)) piece.kind = 'title';
  });
  const useful =
    pieces.every((piece) => piece.kind !== 'prose') && pieces.some((piece) => piece.kind !== 'short');
  return pieces.length > 1 && useful ? pieces : [{ text: segment, kind }];
}
