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

/** Markup that opens the quoted or forwarded part of a reply. */
const REPLY_MARKERS: readonly RegExp[] = [
  /<div[^<>]*\bid=["']?(?:divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\b/i,
  /<div[^<>]*\bclass=["']?[^"'<>]*\b(?:gmail_quote|gmail_quote_container|yahoo_quoted|moz-cite-prefix|OutlookMessageHeader)\b/i,
  /<blockquote\b/i,
  /<hr[^<>]*\bid=["']?stopSpelling\b/i,
  // Outlook desktop: the header block of the quoted message sits in a div with a thin top border.
  /<div[^<>]*style=["'][^"'<>]*border-top:\s*solid\s+#(?:E1E1E1|B5C4DF)/i,
];

function cutQuotedHtml(html: string): string {
  let cut = html.length;
  for (const marker of REPLY_MARKERS) {
    const index = html.search(marker);
    if (index >= 0 && index < cut) cut = index;
  }
  return html.slice(0, cut);
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

/** Converts an HTML body to text lines as they appear on screen. */
export function htmlToText(html: string): string {
  const cleaned = cutQuotedHtml(html)
    // Unclosed, these run to the end: linear time on broken markup, and nothing after them is shown anyway.
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(style|script|head|title|xml)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<!\[if[\s\S]*?(?:<!\[endif\]>|$)/gi, '');

  const lines: string[] = [];
  let current = '';
  let currentHasContent = false;
  let inPre = 0;
  let tightParagraph = false;
  const endLine = (force: boolean): void => {
    if (force || currentHasContent) lines.push(current);
    current = '';
    currentHasContent = false;
  };
  const append = (text: string): void => {
    // Whitespace between tags is layout, not content; a non-breaking space is content (a blank line).
    if (text === '' || (!currentHasContent && /^[ \r\n\t]*$/.test(text))) return;
    current += text;
    currentHasContent = true;
  };

  const tokens = cleaned.split(/(<[^<>]*>)/);
  for (const token of tokens) {
    if (token.startsWith('<')) {
      const tag = /^<\/?\s*([a-z][a-z0-9:]*)/i.exec(token)?.[1]?.toLowerCase() ?? '';
      const closing = token.startsWith('</');
      if (tag === 'br') endLine(true);
      else if (tag === 'pre') inPre += closing ? -1 : 1;
      else if (CELL.has(tag) && !closing && current.trim() !== '') append('\t');
      else if (tag === 'p' && closing) {
        // A paragraph has a margin, seen as a blank line, unless it is an Outlook "MsoNormal" line or
        // its margin is styled away; those leave blank lines to empty paragraphs of their own.
        endLine(false);
        if (!tightParagraph) endLine(true);
      } else if (BLOCK.has(tag)) {
        if (tag === 'p') tightParagraph = /class=["']?[^"'>]*MsoNormal|margin(?:-bottom)?:\s*0/i.test(token);
        endLine(false);
      }
      continue;
    }
    const decoded = decodeEntities(inPre > 0 ? token : token.replace(/[\r\n\t ]+/g, ' '));
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
