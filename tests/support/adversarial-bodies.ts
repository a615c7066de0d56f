/**
 * Message bodies built to make a backtracking regular-expression engine work hard: long runs of the
 * characters our patterns repeat (spaces, tabs, U+3000, dots, dashes, digits, "@", "[mailto:",
 * "class=", link targets, quotation marks), nested and unclosed markup, one enormous line, and a great many short lines — each
 * at 50 KB and 1 MB, as plain text and as HTML, and placed where the parser reads hardest: in the
 * sender's own text, right above a closing and a name.
 */

export interface AdversarialBody {
  name: string;
  body: string;
  contentType: 'html' | 'text';
}

export const ADVERSARIAL_SIZES = [50_000, 1_000_000] as const;

/** A repeated unit cut to `size` characters, ending in a character the patterns do not expect. */
function run(unit: string, size: number, tail = 'x'): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size - tail.length) + tail;
}

/** Lines just short enough to be read as possible signature lines, each ending in a mismatch. */
function lines(unit: string, size: number, width = 399): string {
  const line = run(unit, width);
  return Array.from({ length: Math.ceil(size / (width + 1)) }, () => line).join('\n');
}

const RUNS: ReadonlyArray<readonly [string, string]> = [
  ['spaces', ' '],
  ['tabs', '\t'],
  ['ideographic spaces (U+3000)', '\u3000'],
  ['dots', '.'],
  ['dashes and spaces', '- '],
  ['underscores', '_'],
  ['digits and spaces', '1 '],
  ['at signs', '@a'],
  ['"[mailto:"', '[mailto:'],
  ['opening parentheses', '(('],
  ['commas and spaces', ', '],
  ['address characters', 'a.'],
  ['capitalised words', 'Ab '],
  ['"From: " and spaces', 'From:   '],
  ['link targets after a space', ' <https://a.example/b>'],
  ['quotation marks', '“a” "'],
];

function wrap(payload: string): string {
  return `Hi,\n\n${payload}\n\nThanks,\nBob Jones\n`;
}

function htmlWrap(payload: string): string {
  return `<html><body><div>Hi,</div><div>${payload}</div><p>Thanks,<br>Bob Jones</p></body></html>`;
}

export function adversarialBodies(): AdversarialBody[] {
  const bodies: AdversarialBody[] = [];
  for (const size of ADVERSARIAL_SIZES) {
    const kb = size >= 1_000_000 ? `${size / 1_000_000} MB` : `${size / 1000} KB`;
    for (const [label, unit] of RUNS) {
      bodies.push({
        name: `${kb} text, one line of ${label}`,
        body: wrap(run(unit, size)),
        contentType: 'text',
      });
      bodies.push({
        name: `${kb} text, lines of ${label}`,
        body: wrap(lines(unit, size)),
        contentType: 'text',
      });
      bodies.push({ name: `${kb} HTML, ${label}`, body: htmlWrap(run(unit, size)), contentType: 'html' });
      bodies.push({
        name: `${kb} HTML, lines of ${label}`,
        body: htmlWrap(lines(unit, size).replace(/\n/g, '<br>')),
        contentType: 'html',
      });
    }
    bodies.push(
      { name: `${kb} text, many short lines`, body: wrap(run('a\n', size)), contentType: 'text' },
      { name: `${kb} text, many blank lines`, body: wrap(run('\n', size)), contentType: 'text' },
      { name: `${kb} text, one long line of words`, body: wrap(run('word ', size)), contentType: 'text' },
      {
        name: `${kb} HTML, "class=" runs`,
        body: htmlWrap(`<div ${run('class=', size, '')}>`),
        contentType: 'html',
      },
      {
        name: `${kb} HTML, a tag full of "class=gmail"`,
        body: htmlWrap(`<div ${run('class=gmail ', size, '')}>x</div>`),
        contentType: 'html',
      },
      { name: `${kb} HTML, nested tags`, body: htmlWrap(run('<div><span>', size, '')), contentType: 'html' },
      {
        name: `${kb} HTML, unclosed tag`,
        body: htmlWrap(`<div title="${run('a', size)}`),
        contentType: 'html',
      },
      { name: `${kb} HTML, unclosed comment`, body: htmlWrap(`<!--${run('-', size)}`), contentType: 'html' },
      { name: `${kb} HTML, unclosed style`, body: `<style>${run('<style>', size)}`, contentType: 'html' },
      { name: `${kb} HTML, entities`, body: htmlWrap(run('&#x3000;&nbsp;', size)), contentType: 'html' },
      {
        name: `${kb} HTML, ideographic spaces in one div`,
        body: `<div>${run('\u3000', size)}</div>`,
        contentType: 'html',
      },
      { name: `${kb} HTML, table cells`, body: htmlWrap(run('<td> </td>', size, '')), contentType: 'html' },
      { name: `${kb} HTML, many paragraphs`, body: htmlWrap(run('<p>a</p>', size, '')), contentType: 'html' },
    );
  }
  return bodies;
}
