/**
 * vCard blocks pasted as a signature (BEGIN:VCARD … END:VCARD): the properties say what each
 * value is, so they are read as such instead of guessed at.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { inFieldOrder } from './field-parsing';
import { resolvePhones, type PhoneCandidate, type PhoneType } from './phones';
import { cleanFieldText } from './text-width';
import type { SignatureFields } from './types';

const BEGIN = /^\s*BEGIN:VCARD\s*$/i;
const END = /^\s*END:VCARD\s*$/i;
const PROPERTY = /^\s*([A-Za-z-]+)((?:;[^:]*)?):(.*)$/;

/** The line range [begin, end] of the last vCard in `lines`, if there is one. */
export function findVcard(lines: string[]): { begin: number; end: number } | undefined {
  for (let end = lines.length - 1; end >= 0; end -= 1) {
    if (!END.test(lines[end] ?? '')) continue;
    for (let begin = end - 1; begin >= 0; begin -= 1)
      if (BEGIN.test(lines[begin] ?? '')) return { begin, end };
    return undefined;
  }
  return undefined;
}

function unescape(value: string): string {
  return value.replace(/\\([,;\\nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? ' ' : ch)).trim();
}

function phoneType(parameters: string): PhoneType {
  const types = parameters.toLowerCase();
  if (/fax/.test(types)) return 'fax';
  if (/cell|mobile/.test(types)) return 'mobile';
  if (/work|voice|main/.test(types)) return 'office';
  return 'other';
}

export function parseVcard(lines: string[], region: CountryCode): SignatureFields {
  const fields: SignatureFields = { phones: [] };
  const candidates: PhoneCandidate[] = [];
  for (const line of lines) {
    const match = PROPERTY.exec(line);
    if (!match) continue;
    const name = (match[1] ?? '').toUpperCase();
    const parameters = match[2] ?? '';
    const value = match[3] ?? '';
    switch (name) {
      case 'FN':
        fields.name ??= cleanFieldText(unescape(value));
        break;
      case 'TITLE':
        fields.title ??= cleanFieldText(unescape(value));
        break;
      case 'ORG': {
        const [company, ...units] = value.split(/(?<!\\);/).map(unescape);
        if (company) fields.company ??= cleanFieldText(company);
        if (units.some(Boolean)) fields.department ??= cleanFieldText(units.filter(Boolean).join(' '));
        break;
      }
      case 'TEL':
        candidates.push({
          type: phoneType(parameters),
          raw: value.replace(/^tel:/i, '').trim(),
          text: value.replace(/^tel:/i, ''),
        });
        break;
      case 'EMAIL':
        fields.email ??= unescape(value);
        break;
      case 'URL':
        fields.url ??= value.trim();
        break;
      case 'ADR': {
        const parts = value
          .split(/(?<!\\);/)
          .map(unescape)
          .filter(Boolean);
        if (parts.length > 0) fields.address ??= cleanFieldText(parts.join(', '));
        break;
      }
      default:
        break;
    }
  }
  fields.phones = resolvePhones(candidates, region);
  return inFieldOrder(fields);
}
