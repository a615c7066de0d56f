import type { SignaturePhone } from './phones';
import type { Sender } from './sender';

export type { PhoneType, SignaturePhone } from './phones';
export type { Sender } from './sender';

export interface SignatureInput {
  /** The message body as Graph returns it (`body.content`). Read transiently; never stored or logged. */
  body: string;
  contentType: 'html' | 'text';
  sender: Sender;
  /** ISO 3166 country for numbers written without a country code; else from the sender's domain. */
  defaultRegion?: string;
}

/** What a signature says about its sender. Absent fields were not found. */
export interface SignatureFields {
  name?: string;
  title?: string;
  department?: string;
  company?: string;
  phones: SignaturePhone[];
  email?: string;
  address?: string;
  url?: string;
}

export interface SignatureResult {
  /** The signature's lines as they appear in the (HTML-converted) body; empty when there is none. */
  lines: string[];
  fields: SignatureFields;
}
