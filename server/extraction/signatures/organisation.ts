/**
 * Splitting an organisation line into company, department and title:
 * "営業本部 第一営業部 部長", "株式会社サンプル 営業部", "Vice President, Enron North America",
 * "Senior Engineer | Platform Team".
 */
import { GIVEN_NAMES } from './given-names';
import { isCompany, isDepartment, isTitle, LEGAL_FORM_TAIL, type SegmentKind } from './segment-kinds';
import { hasCjk } from './text-width';
import {
  COMPANY_FORM_EN,
  COMPANY_FORM_JA,
  DEPARTMENT_JA,
  SURNAMES_LIKE_DEPARTMENTS,
  TITLE_JA,
  UNIT_WORD,
} from './vocabulary';

export interface OrganisationParts {
  company?: string;
  department?: string;
  title?: string;
  /** Parts that look like a person's name ("John Smith" in "John Smith, Sales Manager"). */
  rest: string[];
}

const LEGAL_FORM_ONLY = /^(?:株式会社|有限会社|合同会社|\((?:株|有)\)|㈱|㈲)$/;

function mergeLegalForms(tokens: string[]): string[] {
  const merged: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (LEGAL_FORM_ONLY.test(token) && next !== undefined && !COMPANY_FORM_JA.test(next)) {
      // "株式会社 サンプル" is one company name.
      merged.push(`${token} ${next}`);
      i += 1;
    } else if (LEGAL_FORM_ONLY.test(token) && merged.length > 0) {
      merged[merged.length - 1] = `${merged.at(-1)} ${token}`;
    } else {
      merged.push(token);
    }
  }
  return merged;
}

function splitJapanese(text: string): OrganisationParts {
  const parts: OrganisationParts = { rest: [] };
  const departments: string[] = [];
  // Neighbouring tokens that are none of the others are one thing: "山田 一郎" in "代表取締役 山田 一郎".
  let restOpen = false;
  const tokens = mergeLegalForms(text.split(/[\s\u3000]+|[／/|｜]/).filter(Boolean));
  for (const token of tokens) {
    const isDepartmentToken =
      token.length >= 3 && DEPARTMENT_JA.test(token) && !SURNAMES_LIKE_DEPARTMENTS.has(token);
    let isRest = false;
    if (COMPANY_FORM_JA.test(token)) parts.company ??= token;
    else if (TITLE_JA.test(token)) parts.title ??= token;
    else if (isDepartmentToken) departments.push(token);
    else if (isTitle(token)) parts.title ??= token;
    else isRest = true;
    if (isRest && restOpen) parts.rest[parts.rest.length - 1] += ` ${token}`;
    else if (isRest) parts.rest.push(token);
    restOpen = isRest;
  }
  if (departments.length > 0) parts.department = departments.join(' ');
  return parts;
}

/** "Gas Structuring", "Trading": a short capitalised phrase after a title, not a person's name. */
function isFunction(piece: string): boolean {
  const words = piece.split(/\s+/);
  const first = words[0]?.toLowerCase() ?? '';
  return words.length <= 4 && /^[A-Z&]/.test(piece) && !GIVEN_NAMES.has(first) && !/\d/.test(piece);
}

// Words that end a business unit's name as often as a firm's: "Rate Systems", "Structured Products Group".
const UNIT_LIKE_END =
  /\s(?:Group|Systems|Solutions|Networks|Markets|Exchange|Technologies|Brokerage|Consulting)\.?$/;

/** Named like a firm but, from the firm's own domain and without its name or a legal form, a unit of it. */
function unitOfOwnFirm(piece: string, companyLabel: string | undefined): boolean {
  if (companyLabel === undefined || COMPANY_FORM_EN.test(piece) || !UNIT_LIKE_END.test(piece)) return false;
  return (
    isFunction(piece) &&
    !piece
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .startsWith(companyLabel)
  );
}

/** " @ ", " at " before a capitalised firm of up to five words, closing the piece; "Attorney at Law" is one title. */
const TITLE_AT_FIRM = / (?:@|at) (?!(?:Law|Large)\b)(?=[A-Z0-9][\w&.'-]*(?: [\w&.'-]+){0,4}$)/;

function oneWordFirm(piece: string, pieces: string[]): boolean {
  return (
    piece === pieces.at(-1) &&
    /^[A-Z][\w&.'-]{2,}$/.test(piece) &&
    !isDepartment(piece) &&
    !UNIT_WORD.test(piece) &&
    !GIVEN_NAMES.has(piece.toLowerCase()) &&
    // "Regulatory", "Fundamentals", "Operations": a word for a function, not a firm's name.
    !/(?:als?|ory|ing|ics|ments?|ions?|ives?|ures?|ances?|ences?|ity|ities|ship)$/.test(piece)
  );
}

function splitLatin(text: string, companyLabel?: string): OrganisationParts {
  const parts: OrganisationParts = { rest: [] };
  const pieces: string[] = [];
  // Spacing collapsed first, so that the separators need no run of spaces around them.
  const separated = text
    .replace(/\s+/g, ' ')
    .split(/[,|/]| [-–—] /)
    .map((piece) => piece.trim())
    .filter(Boolean);
  for (const piece of separated) {
    // "Acme, Inc." and "Sample Co., Ltd." keep their legal form.
    if (LEGAL_FORM_TAIL.test(piece) && pieces.length > 0)
      pieces[pieces.length - 1] = `${pieces.at(-1)}, ${piece}`;
    else pieces.push(piece);
  }
  let titleOpen = false;
  for (const piece of pieces) {
    // "CTO @ Fabrikam", "Data Engineer at Contoso": the title, then the firm it is held at.
    const at = TITLE_AT_FIRM.exec(piece);
    if (at && parts.title === undefined && isTitle(piece.slice(0, at.index))) {
      parts.title = piece.slice(0, at.index).trim();
      parts.company ??= piece.slice(at.index + at[0].length).trim();
      titleOpen = false;
      continue;
    }
    const company = isCompany(piece, companyLabel);
    if (isTitle(piece) && !(company && !/\b(?:of|for)\b/.test(piece))) {
      // "Search Consultant, R&D Software Engineer, Director": titles held together are one title.
      if (parts.title === undefined) parts.title = piece;
      else if (titleOpen) parts.title = `${parts.title}, ${piece}`;
      titleOpen = parts.title.endsWith(piece);
    } else if (company && titleOpen && unitOfOwnFirm(piece, companyLabel)) {
      // "Manager, Rate Systems" from the firm's own domain: the function the title is held in.
      parts.title = `${parts.title}, ${piece}`;
    } else if (company) {
      // A firm with its legal form ("Fabrikam Software Private Limited") over a unit named like
      // one before it ("Data Technologies"), which is then the department.
      if (
        parts.company !== undefined &&
        !COMPANY_FORM_EN.test(parts.company) &&
        COMPANY_FORM_EN.test(piece)
      ) {
        parts.department ??= parts.company;
        parts.company = piece;
      } else parts.company ??= piece;
      titleOpen = false;
    } else if (titleOpen && oneWordFirm(piece, pieces)) {
      // "Principal Engineer, Fabrikam": one word no unit is named by, closing the line, is the firm.
      parts.company ??= piece;
      titleOpen = false;
    } else if (titleOpen && (isDepartment(piece) || isFunction(piece))) {
      // "VP, Business Development", "Director, Gas Structuring": the function is part of the title.
      parts.title = `${parts.title}, ${piece}`;
    } else if (isDepartment(piece)) {
      parts.department ??= piece;
      titleOpen = false;
    } else {
      parts.rest.push(piece);
      titleOpen = false;
    }
  }
  return parts;
}

export function splitOrganisation(text: string, companyLabel?: string): OrganisationParts {
  if (!hasCjk(text)) return splitLatin(text, companyLabel);
  // Mixed lines ("Sales Department, 株式会社サンプル"): each comma piece in its own script's rules.
  const merged: OrganisationParts = { rest: [] };
  for (const piece of text
    .split(/[,、]/)
    .map((part) => part.trim())
    .filter(Boolean)) {
    const parts = hasCjk(piece) ? splitJapanese(piece) : splitLatin(piece, companyLabel);
    merged.company ??= parts.company;
    merged.department ??= parts.department;
    merged.title ??= parts.title;
    merged.rest.push(...parts.rest);
  }
  return merged;
}

type Segment = { text: string; kind: SegmentKind };
const FUNCTION_KINDS: ReadonlySet<SegmentKind> = new Set(['company', 'department', 'short', 'name']);

/**
 * "Manager - Rate Systems", "Director – Gas Structuring": a dash after a title introduces the
 * function the title is held in, which belongs to the title. What follows the dash is a firm only
 * when it carries a legal form or the name of the sender's domain; from free mail, whose domain
 * tells nothing, also when the block names no other firm ("President - Hartwell Energy").
 */
export function withTitleFunctions(
  segments: Segment[],
  line: string,
  companyLabel: string | undefined,
  otherCompany: boolean,
): Segment[] {
  const joined: Segment[] = [];
  let from = 0;
  for (const segment of segments) {
    const at = line.indexOf(segment.text, from);
    const previous = joined.at(-1);
    const between = at < 0 ? '' : line.slice(from, at);
    from = at < 0 ? from : at + segment.text.length;
    const letters = segment.text.toLowerCase().replace(/[^a-z0-9]/g, '');
    const firm =
      segment.kind === 'company' &&
      (COMPANY_FORM_EN.test(segment.text) ||
        (companyLabel === undefined ? !otherCompany : letters.startsWith(companyLabel)));
    if (
      previous?.kind === 'title' &&
      /^\s+[-–—]\s+$/.test(between) &&
      FUNCTION_KINDS.has(segment.kind) &&
      !firm &&
      isFunction(segment.text)
    ) {
      joined[joined.length - 1] = { kind: 'title', text: `${previous.text} - ${segment.text}` };
    } else joined.push(segment);
  }
  return joined;
}
