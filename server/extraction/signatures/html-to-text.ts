/**
 * HTML message bodies (as Graph returns them) to plain text that keeps the line structure a
 * reader sees: block elements and <br> end lines, table cells become tab-separated columns,
 * entities are decoded, and <style>/<script>/<head> disappear. The quoted part of a reply is cut
 * off on its markup first (Outlook's divRplyFwdMsg, Gmail's gmail_quote, <blockquote> …), because
 * the markup says more reliably than the text where the sender's own words end.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  copy: '©',
  reg: '®',
  trade: '™',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  yen: '¥',
  euro: '€',
  pound: '£',
  cent: '¢',
  sect: '§',
  deg: '°',
  times: '×',
  shy: '',
  zwnj: '',
  zwj: '',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  laquo: '«',
  raquo: '»',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);?/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** The attributes of one start tag, names lower-cased; a linear scan, so any markup costs its length. */
export function tagAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let i = 1;
  while (i < tag.length && !/[\s/>]/.test(tag[i] as string)) i += 1; // the tag name
  while (i < tag.length) {
    while (i < tag.length && /[\s/]/.test(tag[i] as string)) i += 1;
    const nameStart = i;
    while (i < tag.length && !/[\s=/>]/.test(tag[i] as string)) i += 1;
    const name = tag.slice(nameStart, i).toLowerCase();
    if (name === '') break;
    while (i < tag.length && /\s/.test(tag[i] as string)) i += 1;
    let value = '';
    if (tag[i] === '=') {
      i += 1;
      while (i < tag.length && /\s/.test(tag[i] as string)) i += 1;
      const quote = tag[i];
      if (quote === '"' || quote === "'") {
        const close = tag.indexOf(quote, i + 1);
        const valueEnd = close < 0 ? tag.length : close;
        value = tag.slice(i + 1, valueEnd);
        i = valueEnd + 1;
      } else {
        const valueStart = i;
        while (i < tag.length && !/[\s>]/.test(tag[i] as string)) i += 1;
        value = tag.slice(valueStart, i);
      }
    }
    if (!attributes.has(name)) attributes.set(name, value);
  }
  return attributes;
}

const REPLY_IDS = new Set(['divrplyfwdmsg', 'appendonsend', 'mail-editor-reference-message-container']);
const REPLY_CLASSES = new Set([
  'gmail_quote',
  'gmail_quote_container',
  'yahoo_quoted',
  'moz-cite-prefix',
  'outlookmessageheader',
]);

/** Markup that opens the quoted or forwarded part of a reply (Outlook, OWA, Gmail, Yahoo, Thunderbird). */
function opensQuotedPart(name: string, tag: string): boolean {
  if (name === 'blockquote') return true;
  if (name !== 'div' && name !== 'hr') return false;
  const attributes = tagAttributes(tag);
  const id = (attributes.get('id') ?? '').toLowerCase();
  if (name === 'hr') return id === 'stopspelling';
  if (REPLY_IDS.has(id)) return true;
  const classes = (attributes.get('class') ?? '').toLowerCase().split(/\s+/);
  if (classes.some((entry) => REPLY_CLASSES.has(entry))) return true;
  // Outlook desktop: the header block of the quoted message sits in a div with a thin top border.
  const style = (attributes.get('style') ?? '').toLowerCase().replace(/\s+/g, ' ');
  return /border-top: ?solid #(?:e1e1e1|b5c4df)/.test(style);
}

/** Elements whose content is never shown as text; unclosed, they run to the end of the body. */
const HIDDEN = new Set(['style', 'script', 'head', 'title', 'xml']);

/** "<p class=MsoNormal>" and paragraphs styled without a bottom margin: no blank line after them. */
function isTightParagraph(tag: string): boolean {
  const attributes = tagAttributes(tag);
  if (/\bmsonormal\b/i.test(attributes.get('class') ?? '')) return true;
  return /margin(?:-bottom)?: ?0/i.test((attributes.get('style') ?? '').replace(/\s+/g, ' '));
}

/**
 * The markup without comments and Outlook's conditional blocks (<!--[if mso]>…<![endif]-->,
 * <![if !vml]>…<![endif]>). Unclosed, they run to the end: nothing after them is shown anyway.
 */
function withoutComments(html: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const comment = html.indexOf('<!--', at);
    const conditional = html.indexOf('<![if', at);
    const next = comment < 0 ? conditional : conditional < 0 ? comment : Math.min(comment, conditional);
    if (next < 0) return out + html.slice(at);
    out += html.slice(at, next);
    const [close, closeLength] = next === comment ? ['-->', 3] : ['<![endif]>', 10];
    const end = html.indexOf(close, next + 4);
    if (end < 0) return out;
    at = end + closeLength;
  }
}

const BLOCK = new Set([
  'p',
  'div',
  'tr',
  'li',
  'ul',
  'ol',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'section',
  'article',
  'header',
  'footer',
  'address',
  'dl',
  'dt',
  'dd',
  'center',
  'form',
  'hr',
  'caption',
]);
const CELL = new Set(['td', 'th']);

/** Text and tags in document order; a "<" that opens no tag is text. */
function* tokensOf(html: string): Generator<string> {
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open < 0) {
      yield html.slice(at);
      return;
    }
    const nextOpen = html.indexOf('<', open + 1);
    const close = html.indexOf('>', open + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      // Not a tag: text up to the next "<".
      const end = nextOpen < 0 ? html.length : nextOpen;
      yield html.slice(at, end);
      at = end;
      continue;
    }
    if (open > at) yield html.slice(at, open);
    yield html.slice(open, close + 1);
    at = close + 1;
  }
}

/**
 * Converts an HTML body to text lines as they appear on screen, stopping once about `limit`
 * characters of text (blank lines included) have been produced.
 */
export function htmlToText(html: string, limit = Number.POSITIVE_INFINITY): string {
  const cleaned = withoutComments(html);

  const lines: string[] = [];
  let current = '';
  let currentHasContent = false;
  let inPre = 0;
  let tightParagraph = false;
  const endLine = (force: boolean): void => {
    if (force || currentHasContent) {
      lines.push(current);
      shown += current.length + 1;
    }
    current = '';
    currentHasContent = false;
  };
  const append = (text: string): void => {
    // Whitespace between tags is layout, not content; a non-breaking space is content (a blank line).
    if (text === '' || (!currentHasContent && /^[ \r\n\t]*$/.test(text))) return;
    current += text;
    currentHasContent = true;
  };

  let hiddenUntil = '';
  let shown = 0;
  for (const token of tokensOf(cleaned)) {
    // Enough text for the parser has been produced; the rest of a huge body is not converted.
    if (shown > limit) break;
    if (token.startsWith('<')) {
      const tag = /^<\/?\s*([a-z][a-z0-9:]*)/i.exec(token)?.[1]?.toLowerCase() ?? '';
      const closing = token.startsWith('</');
      if (hiddenUntil !== '') {
        if (closing && tag === hiddenUntil) hiddenUntil = '';
        continue;
      }
      // The sender's own text ends where the quoted part of a reply begins.
      if (!closing && opensQuotedPart(tag, token)) break;
      if (!closing && HIDDEN.has(tag) && !token.endsWith('/>')) hiddenUntil = tag;
      else if (tag === 'br') endLine(true);
      else if (tag === 'pre') inPre += closing ? -1 : 1;
      else if (CELL.has(tag) && !closing && current.trim() !== '') append('\t');
      else if (tag === 'p' && closing) {
        // A paragraph has a margin, seen as a blank line, unless it is an Outlook "MsoNormal" line or
        // its margin is styled away; those leave blank lines to empty paragraphs of their own.
        endLine(false);
        if (!tightParagraph) endLine(true);
      } else if (BLOCK.has(tag)) {
        if (tag === 'p') tightParagraph = isTightParagraph(token);
        endLine(false);
      }
      continue;
    }
    if (hiddenUntil !== '') continue;
    const text = token.length > limit ? token.slice(0, limit) : token;
    const decoded = decodeEntities(inPre > 0 ? text : text.replace(/[\r\n\t ]+/g, ' '));
    if (inPre > 0) {
      const parts = decoded.split(/\r?\n/);
      parts.forEach((part, index) => {
        if (index > 0) endLine(true);
        append(part);
      });
    } else {
      append(decoded);
    }
  }
  endLine(false);

  // Lines as a reader sees them: no stray indentation from markup, at most one blank line in a row.
  const text: string[] = [];
  for (const line of lines.map((entry) =>
    entry
      .replace(/\u00a0/g, ' ')
      .trimEnd()
      .replace(/^ +/, ''),
  )) {
    if (line.trim() === '' && (text.length === 0 || text.at(-1) === '')) continue;
    text.push(line.trim() === '' ? '' : line);
  }
  while (text.at(-1) === '') text.pop();
  return text.join('\n');
}
