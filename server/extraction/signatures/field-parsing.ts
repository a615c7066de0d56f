/**
 * Reading the fields out of a detected signature block. Each segment of each line has a kind
 * (line-features.ts); here the kinds become fields: the first name, title, company, email, URL
 * and address found win, and every phone number is kept with its type.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { countryOfAddress, isCityLine, joinAddress, POSTCODE_CITY, STREET_BEFORE_NUMBER } from './addresses';
import { GIVEN_NAMES } from './given-names';
import { isLowerCaseSenderName, type LineFeatures } from './line-features';
import { choosePerson, personOnCard, SURNAME_FIRST, type NameCandidate } from './person-name';
import { splitOrganisation, withTitleFunctions } from './organisation';
import {
  commaPieces,
  EMAILS,
  FIELD_LABEL,
  isNameLike,
  KEY_LINE,
  URL,
  type SegmentKind,
} from './segment-kinds';
import { COMPANY_FORM_EN, UNIT_WORD } from './vocabulary';
import {
  extensionPhone,
  findPhoneCandidates,
  resolvePhones,
  typeOfLabel,
  type PhoneCandidate,
  type SignaturePhone,
} from './phones';
import type { SenderProfile } from './sender';
import { cleanFieldText, foldWidth, trimEndOf } from './text-width';
import type { SignatureFields } from './types';

const FIRM_LIKE_UNIT =
  /^(?!.*\b(?:Department|Dept|Division|Div|Team|Group|Unit|Desk|Section|Office|Bureau)\.?$)\S+(?: \S+){1,5}$/i;
const ASSISTANT_LINE = /^(?:assistant|asst\.?|admin(?:istrative assistant)?)\s*[:：]/i;
const ADDRESS_LABEL = /^(?:住所|所在地|Address|Addr|Office)\s*[:：.]\s*/i;
const VALUE_LABEL = /^(?:e-?mail|mail|url|web|website|homepage|ホームページ|メール)\s*[:：]\s*/i;

/** "Enron North America" under "Kay Mann": name-like, but no person's (its first word is no given name). */
function isOrganisationLike(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length >= 2 && !GIVEN_NAMES.has(words[0]?.toLowerCase() ?? '') && !/\d/.test(text);
}

function firstEmail(text: string, profile: SenderProfile): string | undefined {
  const found = foldWidth(text).match(EMAILS) ?? [];
  return found.find((email) => email.toLowerCase() === profile.address) ?? found[0];
}

/** A place's name, a state's letters or a country, written after the street on its line. */
const PLACE_PIECE = /^\p{Lu}[\p{L}.'’/-]*(?: [\p{L}.'’/-]+)*$/u;

/** A person named after the street ("1400 Smith Street - Kim Ward") is no place. */
function isPlacePiece(text: string, line: LineFeatures): boolean {
  const words = text.split(' ');
  return (
    PLACE_PIECE.test(text) &&
    words.length <= 4 &&
    !line.senderName &&
    !GIVEN_NAMES.has(words[0]?.toLowerCase() ?? '')
  );
}

function afterOrganisation(kind: SegmentKind | undefined): boolean {
  return kind === 'department' || kind === 'title';
}

const MASKED: ReadonlySet<string> = new Set(['address', 'email', 'url']);

function maskSegments(text: string, line: LineFeatures): string {
  let masked = text;
  let from = 0;
  for (const segment of line.segments) {
    const at = masked.indexOf(segment.text, from);
    if (at < 0) continue;
    if (MASKED.has(segment.kind)) {
      masked = masked.slice(0, at) + ' '.repeat(segment.text.length) + masked.slice(at + segment.text.length);
    }
    from = at + segment.text.length;
  }
  return masked;
}

/** "Sales Department" is the Sales department; "営業部" keeps its 部. */
function cleanDepartment(text: string): string {
  return cleanFieldText(
    text.replace(/\s(?:Department|Dept\.?)$/i, '').replace(/^(?:Department|Dept\.?) of\s+/i, ''),
  );
}

/** The fields in the order a business card reads, absent ones left out. */
export function inFieldOrder(fields: SignatureFields): SignatureFields {
  const present = (key: 'name' | 'title' | 'department' | 'company' | 'email' | 'address' | 'url') =>
    fields[key] ? { [key]: fields[key] } : {};
  return {
    ...present('name'),
    ...present('title'),
    ...present('department'),
    ...present('company'),
    phones: fields.phones,
    ...present('email'),
    ...present('address'),
    ...present('url'),
  };
}

/** "Neuer Jungfernstieg 20" right above "20354 Hamburg": the street of a continental address. */
function streetAbove(lines: string[], indices: number[], index: number, part: string): string[] {
  if (!POSTCODE_CITY.test(part) || !indices.includes(index - 1)) return [];
  const above = cleanFieldText(foldWidth(lines[index - 1] ?? '').trim());
  return STREET_BEFORE_NUMBER.test(above) ? [above] : [];
}

export function parseFields(
  lines: string[],
  features: LineFeatures[],
  indices: number[],
  profile: SenderProfile,
  region: CountryCode,
): SignatureFields {
  const fields: SignatureFields = { phones: [] };
  const names: NameCandidate[] = [];
  const addressGroups: string[][] = [];
  const phoneCandidates: PhoneCandidate[] = [];
  const extensions: SignaturePhone[] = [];
  let companyByPlace: string | undefined;
  let titleAbove = false;
  let lastAddressLine = -2;
  // Whether a line of the block other than `index` names a firm.
  const companyLines = (index: number): boolean =>
    indices.some(
      (other) => other !== index && features[other]?.segments.some((segment) => segment.kind === 'company'),
    );

  for (const index of indices) {
    const line = features[index];
    if (!line || line.deviceFooter || line.separator) continue;
    // "Assistant: Sally Jones x3-1234" names another person and their number: neither is the sender's.
    if (ASSISTANT_LINE.test(foldWidth(lines[index] ?? '').trim())) continue;
    if (line.signOff) {
      if (line.signOffName) names.push({ text: line.signOffName, sender: line.senderName });
      continue;
    }
    // "Ward, Kim": the name as directories print it, surname first; the card shows "Kim Ward".
    const inverted = SURNAME_FIRST.exec(foldWidth(lines[index] ?? '').trim());
    const given = inverted?.[2] ?? '';
    if (inverted && (GIVEN_NAMES.has(given.toLowerCase()) || line.senderName)) {
      const initial = inverted[3] ? ` ${inverted[3]}.` : '';
      names.push({ text: `${given}${initial} ${inverted[1]}`, sender: line.senderName, aloneOn: index });
      continue;
    }
    let previous: SegmentKind | undefined;
    const segments = withTitleFunctions(
      line.segments,
      lines[index] ?? '',
      profile.companyLabel,
      companyLines(index),
    );
    for (const segment of segments) {
      const text = segment.text.replace(FIELD_LABEL, '');
      switch (segment.kind) {
        case 'email': {
          fields.email ??= firstEmail(text, profile);
          // "Kim Ward <kim@apache.org>": the name the address is written with.
          const open = text.indexOf('<');
          const named = open > 0 && text.trimEnd().endsWith('>') ? text.slice(0, open).trim() : '';
          const senderInLowerCase = isLowerCaseSenderName(named, profile);
          if (isNameLike(named) || senderInLowerCase)
            names.push({ text: named, sender: line.senderName || senderInLowerCase });
          break;
        }
        case 'url':
          fields.url ??= foldWidth(text).replace(VALUE_LABEL, '').match(URL)?.[0];
          // Punctuation and the emphasis marks of rich text ("*https://…*") close the sentence, not the link.
          if (fields.url) fields.url = trimEndOf(fields.url, '.,;*');
          break;
        case 'extension': {
          // "x6721", "Phone: ext. 3-4567": the sender's internal extension is their number too.
          const label =
            previous === 'label'
              ? typeOfLabel(line.segments[line.segments.indexOf(segment) - 1]?.text ?? '')
              : undefined;
          const phone = extensionPhone(text, label);
          if (phone) extensions.push(phone);
          break;
        }
        case 'address': {
          let part = cleanFieldText(text.replace(ADDRESS_LABEL, ''));
          // "Fabrikam Inc., 1234 Longwood Avenue, …": the firm the address is of opens the line.
          const [firm, ...place] = commaPieces(part);
          if (firm && place.length > 0 && COMPANY_FORM_EN.test(firm) && !/\d/.test(firm)) {
            fields.company ??= firm;
            part = place.join(', ');
          }
          // Lines of one address are adjacent; a city line may follow a line of something else.
          const gap = index - lastAddressLine;
          if (addressGroups.length > 0 && (gap <= 1 || (gap <= 2 && isCityLine(part)))) {
            // "Bristol" between the street and "BS1 6XX": the town on a line of its own.
            const between = gap === 2 ? features[index - 1]?.segments : undefined;
            const town = between?.length === 1 ? (between[0]?.text.trim() ?? '') : '';
            if (/^\p{Lu}[\p{L}.' -]{1,30}$/u.test(town) && town.split(' ').length <= 3)
              addressGroups.at(-1)?.push(town);
            addressGroups.at(-1)?.push(part);
          } else addressGroups.push([...streetAbove(lines, indices, index, part), part]);
          lastAddressLine = index;
          break;
        }
        case 'company':
        case 'title':
        case 'department': {
          // A title joined with its function ("Manager - Rate Systems") is one title as it stands.
          if (!line.segments.includes(segment)) {
            fields.title ??= cleanFieldText(text);
            break;
          }
          // "Software Engineer at Fabrikam (https://fabrikam.example)": the firm's site in brackets is its link.
          const bracket = text.lastIndexOf('(');
          const link =
            bracket > 0 && text.trimEnd().endsWith(')') ? text.trimEnd().slice(bracket + 1, -1) : '';
          const linked = /^(?:https?:\/\/|www\.)\S+$/i.test(link);
          if (linked) fields.url ??= link;
          const named = linked ? text.slice(0, bracket).trimEnd() : text;
          const parts = splitOrganisation(foldWidth(named), profile.companyLabel);
          if (!parts.company && !parts.title && !parts.department) {
            // What the line's reading named it, when the words alone do not ("search architect").
            if (segment.kind === 'company') parts.company = named;
            if (segment.kind === 'title') parts.title = named;
          }
          fields.company ??= parts.company && cleanFieldText(parts.company);
          fields.title ??= parts.title && cleanFieldText(parts.title);
          fields.department ??= parts.department && cleanDepartment(parts.department);
          for (const rest of parts.rest)
            if (/^[A-Z\u3040-\u9fff]/.test(rest)) names.push({ text: rest, sender: false });
          break;
        }
        case 'name':
        case 'short':
          // "Av. Paulista, 1000 - Bela Vista - São Paulo - SP": the district, city and state after
          // the street, in columns of their own, are the address's.
          if (lastAddressLine === index && isPlacePiece(text, line)) {
            addressGroups.at(-1)?.push(cleanFieldText(text));
            break;
          }
          // A company without a legal form or the sender's domain in it is recognised by its place:
          // right after a department on its line, or alone on the line after the title.
          // A code with figures in it ("EB 38C1") is a room, never a company.
          // From free mail a firm often bears the sender's name ("Hartwell Resources").
          if (
            (!line.senderName || (profile.freeMail && isOrganisationLike(text))) &&
            !/\d{2}/.test(text) &&
            (afterOrganisation(previous) || (line.segments.length === 1 && titleAbove))
          ) {
            companyByPlace ??= text;
          } else if (segment.kind === 'name') {
            names.push({
              text,
              sender: line.senderName,
              aloneOn: line.segments.length === 1 ? index : undefined,
            });
          }
          break;
        default:
          break;
      }
      previous = segment.kind;
    }
    titleAbove = line.segments.some((segment) => segment.kind === 'title');
    // Phones are read from the whole line, so that a label in its own column ("Fax:\t…") or after
    // the number ("… (cell)") still types it; addresses, emails and URLs are blanked out first.
    const found = KEY_LINE.test(foldWidth(lines[index] ?? '').trim())
      ? []
      : findPhoneCandidates(maskSegments(lines[index] ?? '', line));
    // "Mobile:" alone on the line above the number (a table's label cell): it types the number.
    const labelAbove = features[index - 1]?.segments;
    const labelType =
      labelAbove?.length === 1 && labelAbove[0]?.kind === 'label'
        ? typeOfLabel(labelAbove[0].text)
        : undefined;
    for (const candidate of found) if (labelType && candidate.type === 'other') candidate.type = labelType;
    phoneCandidates.push(...found);
  }

  if (!fields.company && companyByPlace) fields.company = cleanFieldText(companyByPlace);
  // "Risk Management & Trading Controls" reads as a name but names a unit: never the person, unless the sender is called so.
  const units = names.filter((candidate) => !candidate.sender && UNIT_WORD.test(candidate.text));
  const unit = units.find((candidate) => candidate.aloneOn !== undefined);
  if (!fields.department && unit) fields.department = cleanFieldText(unit.text);
  const name = choosePerson(names.filter((candidate) => !units.includes(candidate)));
  if (name) fields.name = personOnCard(name.text, profile);
  // The line right under the person's name, when it names no person, is their organisation.
  const below = name?.aloneOn === undefined ? undefined : name.aloneOn + 1;
  // A firm may bear the sender's surname ("Hartwell & Baxter" under "Bill Hartwell"), never their given name.
  const given = name?.text.split(/\s+/)[0]?.toLowerCase() ?? '';
  const organisation = names.find(
    (candidate) =>
      candidate.aloneOn === below &&
      candidate !== name &&
      !units.includes(candidate) &&
      (!candidate.sender || !candidate.text.toLowerCase().split(/\s+/).includes(given)) &&
      isOrganisationLike(candidate.text),
  );
  if (!fields.company && organisation) fields.company = cleanFieldText(organisation.text);
  // From free mail a firm is known by its name alone: a unit of several words without a word for a
  // unit ("Blue Ridge Power Marketing") is the sender's firm, not a department of one.
  if (!fields.company && profile.freeMail && fields.department && FIRM_LIKE_UNIT.test(fields.department)) {
    fields.company = fields.department;
    delete fields.department;
  }
  if (addressGroups[0]) fields.address = joinAddress(addressGroups[0]);
  fields.phones = [
    ...resolvePhones(phoneCandidates, region, countryOfAddress(fields.address)),
    ...extensions,
  ];
  if (fields.email) fields.email = fields.email.replace(/^mailto:/i, '');
  const seen = new Set<string>();
  fields.phones = fields.phones.filter((phone) => {
    const key = `${phone.type}|${phone.number}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return inFieldOrder(fields);
}
