/**
 * Signature intelligence: the contact details a sender's email signature gives.
 *
 * `parseSignature` takes a message body as Graph returns it, removes quoted replies and forwarded
 * parts, finds the sender's signature block and reads its fields. It is pure: no I/O, no logging,
 * nothing kept; callers store only the fields.
 */
import { findSignatureBlock } from './block-detection';
import { MAX_HTML_CHARS, MAX_TEXT_CHARS } from './bounds';
import { inFieldOrder, parseFields } from './field-parsing';
import { nameClosingLineAbove } from './sign-off-name';
import { htmlToText } from './html-to-text';
import { regionFor } from './sender';
import type { SignatureInput, SignatureResult } from './types';
import { parseVcard } from './vcard';

export { detectSignatureLines } from './block-detection';
export { htmlToText } from './html-to-text';
export type {
  PhoneType,
  Sender,
  SignatureFields,
  SignatureInput,
  SignaturePhone,
  SignatureResult,
} from './types';

/** The message body as plain text lines, the way the signature detector reads it; bounded in size. */
export function bodyToText(body: string, contentType: 'html' | 'text'): string {
  const text = contentType === 'html' ? htmlToText(body.slice(0, MAX_HTML_CHARS), MAX_TEXT_CHARS) : body;
  return text.slice(0, MAX_TEXT_CHARS).replace(/\r\n?/g, '\n');
}

export function parseSignature(input: SignatureInput): SignatureResult {
  const text = bodyToText(input.body, input.contentType);
  const block = findSignatureBlock(text, input.sender);
  const lines = block.text;
  if (block.lines.length === 0) return { lines: [], fields: { phones: [] } };
  const region = regionFor(input.sender.address, input.defaultRegion);
  const fields = block.vcard
    ? parseVcard(lines.slice(block.vcard.begin, block.vcard.end + 1), region)
    : parseFields(lines, block.features, block.lines, block.profile, region);
  // A block without a name of its own under "… Thanks, Kay": the name closing the body is the sender's.
  const signed = fields.name ? undefined : nameClosingLineAbove(lines, block.lines[0] ?? 0, block.profile);
  return {
    lines: block.lines.map((index) => lines[index] ?? ''),
    fields: signed ? inFieldOrder({ ...fields, name: signed }) : fields,
  };
}
