/**
 * Turns the parts of an email (greeting, paragraphs, sign-off, signature, disclaimer, quoted
 * earlier message) into the text or HTML body a mail client would have produced, plus the
 * "unique body" Graph derives (the same without the quoted part).
 */

export interface BodyParts {
  lang: 'en' | 'ja';
  opening: string[];
  paragraphs: string[];
  signOff: string;
  /** Signature lines, or a mobile footer alone ("Sent from my iPhone"). */
  signature: string[];
  mobileFooter?: string;
  /** A saying in quotation marks some writers keep under the signature; no part of it. */
  saying?: string;
  /** Attached files listed under the signature ("- Proposal.docx", "<<Prices.pdf>>"). */
  attachments?: string[];
  disclaimer?: string;
  quoted?: {
    /** outlook/gmail: the clients' own markup in HTML; notes/separator: headers in the text only. */
    style: 'outlook' | 'gmail' | 'notes' | 'separator';
    from: { name: string; address: string };
    to: { name: string; address: string };
    sentAt: number;
    subject: string;
    parts: BodyParts;
  };
}

export interface RenderedBody {
  content: string;
  unique: string;
  preview: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function quoteDate(at: number, lang: 'en' | 'ja'): string {
  const d = new Date(at);
  const hh = d.getUTCHours();
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  if (lang === 'ja') return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`;
  const h12 = hh % 12 === 0 ? 12 : hh % 12;
  return `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${h12}:${mm} ${hh < 12 ? 'AM' : 'PM'}`;
}

function ownText(parts: BodyParts): string {
  const blocks = [parts.opening.join('\n\n'), ...parts.paragraphs, parts.signOff];
  let text = blocks.join('\n\n');
  if (parts.signature.length > 0) text += `\n${parts.signature.join('\n')}`;
  if (parts.saying) text += `\n\n${parts.saying}`;
  if (parts.mobileFooter) text += `\n\n${parts.mobileFooter}`;
  if (parts.attachments) text += `\n\n${parts.attachments.join('\n')}`;
  if (parts.disclaimer) text += `\n\n${parts.disclaimer}`;
  return text;
}

/** "05/14/2024 10:22 AM", as Lotus Notes dates a quoted message. */
function notesDate(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hh = d.getUTCHours();
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()} ${pad(hh % 12 === 0 ? 12 : hh % 12)}:${pad(d.getUTCMinutes())} ${hh < 12 ? 'AM' : 'PM'}`;
}

/** The header lines above a quoted message, for the styles that have no markup of their own. */
function plainHeader(q: NonNullable<BodyParts['quoted']>, lang: 'en' | 'ja'): string[] {
  if (q.style === 'notes') {
    return [q.from.name, notesDate(q.sentAt), `To: ${q.to.name}`, 'cc:', `Subject: ${q.subject}`];
  }
  return [
    '-----Original Message-----',
    `From: ${q.from.name} [mailto:${q.from.address}]`,
    `Sent: ${quoteDate(q.sentAt, lang)}`,
    `To: ${q.to.name}`,
    `Subject: ${q.subject}`,
  ];
}

function quotedText(q: NonNullable<BodyParts['quoted']>, lang: 'en' | 'ja'): string {
  const inner = toText(q.parts);
  if (q.style === 'notes' || q.style === 'separator') return [...plainHeader(q, lang), '', inner].join('\n');
  if (q.style === 'gmail') {
    const header =
      lang === 'ja'
        ? `${quoteDate(q.sentAt, 'ja')} ${q.from.name} <${q.from.address}>:`
        : `On ${quoteDate(q.sentAt, 'en')}, ${q.from.name} <${q.from.address}> wrote:`;
    return `${header}\n${inner
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')}`;
  }
  return [
    '________________________________',
    `From: ${q.from.name} <${q.from.address}>`,
    `Sent: ${quoteDate(q.sentAt, lang)}`,
    `To: ${q.to.name} <${q.to.address}>`,
    `Subject: ${q.subject}`,
    '',
    inner,
  ].join('\n');
}

function toText(parts: BodyParts): string {
  const own = ownText(parts);
  return parts.quoted ? `${own}\n\n${quotedText(parts.quoted, parts.lang)}` : own;
}

const para = (text: string) => `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;

function ownHtml(parts: BodyParts): string {
  let html = [...parts.opening, ...parts.paragraphs, parts.signOff].map(para).join('\n');
  if (parts.signature.length > 0) {
    const lines = parts.signature.map((l) =>
      escapeHtml(l).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>'),
    );
    html += `\n<div id="Signature"><p style="font-size:10pt">${lines.join('<br>\n')}</p></div>`;
  }
  if (parts.saying) html += `\n<p><i>${escapeHtml(parts.saying)}</i></p>`;
  if (parts.mobileFooter)
    html += `\n<div id="ms-outlook-mobile-signature">${escapeHtml(parts.mobileFooter)}</div>`;
  if (parts.attachments) html += `\n${para(parts.attachments.join('\n'))}`;
  if (parts.disclaimer)
    html += `\n<p style="font-size:8pt;color:#808080">${escapeHtml(parts.disclaimer)}</p>`;
  return html;
}

function quotedHtml(q: NonNullable<BodyParts['quoted']>, lang: 'en' | 'ja'): string {
  if (q.style === 'notes' || q.style === 'separator') {
    return `<div>${plainHeader(q, lang).map(escapeHtml).join('<br>')}</div>\n<div>${ownHtml(q.parts)}</div>`;
  }
  if (q.style === 'gmail') {
    return `<div class="gmail_quote">${escapeHtml(quotedText({ ...q, style: 'gmail' }, lang).split('\n')[0]!)}<blockquote>${ownHtml(q.parts)}</blockquote></div>`;
  }
  return (
    '<hr style="display:inline-block;width:98%" tabindex="-1">' +
    `<div id="divRplyFwdMsg" dir="ltr"><b>From:</b> ${escapeHtml(`${q.from.name} <${q.from.address}>`)}<br>` +
    `<b>Sent:</b> ${escapeHtml(quoteDate(q.sentAt, lang))}<br><b>To:</b> ${escapeHtml(`${q.to.name} <${q.to.address}>`)}<br>` +
    `<b>Subject:</b> ${escapeHtml(q.subject)}</div>\n<div>${ownHtml(q.parts)}</div>`
  );
}

const wrapHtml = (inner: string) =>
  '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>' +
  `<body><div dir="ltr">\n${inner}\n</div></body></html>`;

export function renderBody(parts: BodyParts, contentType: 'html' | 'text'): RenderedBody {
  const uniqueText = ownText(parts);
  const preview = uniqueText.replace(/\s+/g, ' ').trim().slice(0, 255);
  if (contentType === 'text') return { content: toText(parts), unique: uniqueText, preview };
  const own = ownHtml(parts);
  const content = parts.quoted ? `${own}\n${quotedHtml(parts.quoted, parts.lang)}` : own;
  return { content: wrapHtml(content), unique: wrapHtml(own), preview };
}

/** Graph's text rendering of an HTML body (Prefer: outlook.body-content-type="text"). */
export function htmlToText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/i, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div)>/gi, '\n')
    .replace(/<hr[^>]*>/gi, '________________________________\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function textToHtml(text: string): string {
  return wrapHtml(
    text
      .split(/\n{2,}/)
      .map(para)
      .join('\n'),
  );
}
