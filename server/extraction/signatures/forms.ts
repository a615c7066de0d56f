/**
 * Mail a system fills in — a help-desk ticket, a deal ticket, an order — lists its values as
 * "Label: value" lines, and among them there may be a person, a phone and a company. A signature
 * labels only its contact details ("Tel:", "Fax:", "E-mail:", "Title:") and its firm's legal lines; a block where several
 * lines carry labels no signature uses ("Counterparty:", "Volume:", "Report Name:") is a form.
 */
import { FIELD_LABEL, LEGAL_NOTE } from './segment-kinds';
import { foldWidth } from './text-width';
import { LABEL_ONLY, PHONE_LABELS } from './vocabulary';

// A label of up to four words before a colon; each space between words has one place to go.
const LABEL_HEAD =
  /^[ \t]*([A-Za-z][A-Za-z.'/&-]{0,24}(?: [A-Za-z.'/&-]{1,24}){0,3})[ \t]*[:：](?!\/\/)[ \t]*\S/;

/** Words of a label a signature may carry besides the phone labels: "Pager", "Mail Code", "Assistant". */
const SIGNATURE_LABEL_WORD =
  /^(?:e-?mail|mail|email address|internet|web|website|site|homepage|home page|url|www|address|addr|location|loc|room|rm|mail ?(?:code|stop|drop)|building|bldg|floor|suite|ext|extension|x|pager|beeper|nextel|radio|blackberry|pin|car|residence|res|efax|e-fax|voice|voicemail|dial|line|direct dial|toll[- ]free|main|number|no|skype|icq|aim|msn|yahoo|twitter|linkedin|xing|github|gitlab|bitbucket|stack ?overflow|medium|facebook|instagram|telegram|whatsapp|wechat|signal|threema|keybase|mastodon|jabber|xmpp|irc|matrix|pgp|gpg|key|fingerprint|orcid|scholar|researchgate|blog|assistant|asst|admin|dept|department|title|name|company|organi[sz]ation|office|desk|tel\.?|ph\.?|fax\.?)$/i;

function isSignatureLabel(label: string): boolean {
  if (LABEL_ONLY.test(`${label}:`) || FIELD_LABEL.test(`${label}: x`)) return true;
  // A letterhead's legal lines: "Geschäftsführung: …", "Managing Directors: …".
  if (LEGAL_NOTE.test(`${label}:`)) return true;
  return label
    .toLowerCase()
    .split(/[ /&]+/)
    .filter(Boolean)
    .some((word) => SIGNATURE_LABEL_WORD.test(word) || PHONE_LABELS.some(([pattern]) => pattern.test(word)));
}

/**
 * Two or more lines labelled the way a form labels its values, not a signature, in the block or in
 * the lines right above it in its paragraph (a form's first rows may not look like a signature's).
 */
export function isFormBlock(lines: string[], block: number[]): boolean {
  const first = block[0] ?? 0;
  let top = first;
  while (top > 0 && first - top < 20 && (lines[top - 1] ?? '').trim() !== '') top -= 1;
  const indices = [...Array.from({ length: first - top }, (_, k) => top + k), ...block];
  let formLines = 0;
  for (const index of indices) {
    const label = LABEL_HEAD.exec(foldWidth(lines[index] ?? '').slice(0, 200))?.[1];
    if (label !== undefined && !isSignatureLabel(label)) formLines += 1;
    if (formLines >= 2) return true;
  }
  return false;
}
