/**
 * The labelled email the signature benchmark scores on, all read at run time from
 * ../shared/test-data (never copied into the repository):
 *
 * - signatures-forge: 191 real Enron emails, signature lines marked `#sig#` (sign-off included).
 * - signatures-asf: 358 real Apache mailing-list emails with hand-annotated zones. Closings
 *   (`Body/Outro`) are ignored on both sides, as the corpus README asks. The corpus marks
 *   signatures inside quoted replies too; the product must give the sender only their own, so the
 *   truth is the signature above the first quoted header, and a line taken from below it is wrong.
 *
 * The ASF corpus is split once, deterministically: **eval** is every email the corpus marks `eval`
 * plus every other email whose id hashes (SHA-256, first 32 bits) to 0 mod 4; the rest is **tune**.
 * The parser is developed on forge and ASF tune only; ASF eval is for reporting.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** `../shared/test-data` beside the checkout (or beside a folder above it, for nested checkouts). */
function findTestData(): string {
  let directory = path.resolve(__dirname, '../..');
  for (;;) {
    const candidate = path.join(path.dirname(directory), 'shared/test-data');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(directory) === directory) return path.resolve(__dirname, '../../../shared/test-data');
    directory = path.dirname(directory);
  }
}

const TEST_DATA = findTestData();
export const FORGE_DIR = path.join(TEST_DATA, 'signatures-forge/dataset');
export const ASF_FILE = path.join(TEST_DATA, 'signatures-asf/asf.jsonl');
const MARK = '#sig#';

/** One email with its signature lines known. */
export interface LabelledEmail {
  id: string;
  text: string;
  lines: string[];
  /** Indices of the signature's non-blank lines. */
  truth: Set<number>;
  /** Lines that count on neither side (closings, disclaimers). */
  ignored: Set<number>;
  sender?: { name?: string; address: string };
}

export interface ForgeEmail extends LabelledEmail {
  number: number;
  sender: { name?: string; address: string };
}

/** "Meyers, Albert [mailto:Bert.Meyers@enron.com]", "\"Oh  John\" <John.Oh@ENRON.com>", "Forster". */
export function parseForgeSender(raw: string): { name?: string; address: string } {
  const address = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/.exec(raw)?.[0] ?? '';
  let name = raw
    .replace(/\[mailto:[^\]]*\]|<[^>]*>/g, ' ')
    .replace(/"/g, ' ')
    .trim();
  if (name === address) name = '';
  if (!address && name.includes('@')) name = name.slice(0, name.indexOf('@'));
  name = name.replace(/\s+/g, ' ').trim();
  return name ? { name, address } : { address };
}

export function loadForge(): ForgeEmail[] {
  const emails: ForgeEmail[] = [];
  for (const folder of ['P', 'N']) {
    const directory = path.join(FORGE_DIR, folder);
    for (const file of readdirSync(directory)) {
      const match = /^(\d+)_body$/.exec(file);
      if (!match) continue;
      const id = `${folder}/${match[1]}`;
      // The README: P/15_body has no marked line, leave it out.
      if (id === 'P/15') continue;
      const marked = readFileSync(path.join(directory, file), 'utf8').split(/\r?\n/);
      const truth = new Set<number>();
      const lines = marked.map((line, index) => {
        if (!line.startsWith(MARK)) return line;
        const stripped = line.slice(MARK.length);
        if (stripped.trim() !== '') truth.add(index);
        return stripped;
      });
      const sender = parseForgeSender(readFileSync(path.join(directory, `${match[1]}_sender`), 'utf8'));
      emails.push({
        id,
        number: Number(match[1]),
        text: lines.join('\n'),
        lines,
        truth,
        ignored: new Set(),
        sender,
      });
    }
  }
  return emails.sort((a, b) => a.number - b.number);
}

interface AsfRecord {
  id: string;
  split: 'train' | 'test' | 'eval';
  text: string;
  zones: { start: number; end: number; type: string }[];
}

export interface AsfEmail extends LabelledEmail {
  part: 'tune' | 'eval';
  /** The corpus's own split, kept for reporting. */
  corpusSplit: AsfRecord['split'];
}

/** The split defined above: the corpus's eval, plus a quarter of the rest chosen by a hash of the id. */
export function asfPart(record: { id: string; split: string }): 'tune' | 'eval' {
  if (record.split === 'eval') return 'eval';
  return createHash('sha256').update(record.id).digest().readUInt32BE(0) % 4 === 0 ? 'eval' : 'tune';
}

/**
 * Eval emails of which a few lines were shown during development: a search for rules and footers
 * over the corpus's train and test split, which holds part of this eval too, printed the line it
 * matched and the text after it. The bench reports eval without them as well.
 */
export const ASF_EVAL_VIEWED: ReadonlySet<string> = new Set([
  'train_98',
  'train_160',
  'train_334',
  'train_763',
  'train_787',
  'train_1105',
  'train_1198',
  'train_1293',
  'train_1693',
  'train_2147',
  'train_2296',
  'train_2547',
  'train_2607',
  'train_2608',
  'train_2801',
  'train_2989',
  'train_3193',
  'train_3972',
  'train_4224',
  'train_4392',
  'train_4534',
  'train_4558',
  'train_4632',
  'train_4701',
  'train_5918',
  'train_6044',
  'train_6121',
]);

/** Zone offsets count Unicode code points; JavaScript strings count UTF-16 units. */
function codeUnitOffsets(text: string): number[] {
  const offsets: number[] = [];
  let unit = 0;
  for (const ch of text) {
    offsets.push(unit);
    unit += ch.length;
  }
  offsets.push(unit);
  return offsets;
}

interface LabelledLine {
  text: string;
  start: number;
  end: number;
  kind: 'signature' | 'closing' | 'header' | 'other';
}

/** The lines of a record with the zone each belongs to (a signature wins over a closing). */
function labelledLines(record: AsfRecord): LabelledLine[] {
  const offsets = codeUnitOffsets(record.text);
  const at = (point: number) => offsets[Math.min(point, offsets.length - 1)] ?? record.text.length;
  const zones = record.zones.map((zone) => ({ ...zone, start: at(zone.start), end: at(zone.end) }));
  let start = 0;
  return record.text.split('\n').map((text) => {
    const end = start + text.length;
    const overlaps = (type: string) =>
      zones.some((zone) => zone.type === type && zone.start < end && zone.end > start);
    const line: LabelledLine = {
      text,
      start,
      end,
      kind: overlaps('Body/Signature')
        ? 'signature'
        : overlaps('Body/Outro')
          ? 'closing'
          : overlaps('Header')
            ? 'header'
            : 'other',
    };
    start = end + 1;
    return line;
  });
}

function labelled(id: string, lines: LabelledLine[], record: AsfRecord, index: number): AsfEmail {
  const truth = new Set<number>();
  const ignored = new Set<number>();
  lines.forEach((line, i) => {
    if (line.text.trim() === '') return;
    if (line.kind === 'signature') truth.add(i);
    else if (line.kind === 'closing') ignored.add(i);
  });
  const texts = lines.map((line) => line.text);
  return {
    id: `${record.id}#${index}${id}`,
    text: texts.join('\n'),
    lines: texts,
    truth,
    ignored,
    part: asfPart(record),
    corpusSplit: record.split,
  };
}

function readAsf(): AsfRecord[] {
  return readFileSync(ASF_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as AsfRecord);
}

/**
 * Whole emails, scored as the product reads them: the truth is the signature above the first
 * quoted header (the sender's own); a signature the corpus marks inside a quoted reply is someone
 * else's, and a line taken from it is wrong.
 */
export function loadAsf(): AsfEmail[] {
  return readAsf().map((record, index) => {
    const lines = labelledLines(record);
    const quoted = lines.findIndex((line) => line.kind === 'header');
    const own = lines.map((line, i) =>
      quoted >= 0 && i >= quoted && line.kind !== 'other' ? { ...line, kind: 'other' as const } : line,
    );
    return labelled('', own, record, index);
  });
}

/**
 * Every message of every email: the corpus's quoted headers split an email into the messages it
 * holds, each with its quote marks ("> ") removed, as it was when its own author sent it. This
 * uses every signature the corpus marks (the newest message alone rarely has one on a mailing list).
 */
export function loadAsfMessages(): AsfEmail[] {
  return readAsf().flatMap((record, index) => {
    const messages: LabelledLine[][] = [[]];
    for (const line of labelledLines(record)) {
      if (line.kind === 'header') {
        if ((messages.at(-1) ?? []).length > 0) messages.push([]);
        continue;
      }
      messages.at(-1)?.push({ ...line, text: line.text.replace(/^[ \t]*(?:>[ \t]?)+/, '') });
    }
    return messages
      .filter((message) => message.some((line) => line.text.trim() !== ''))
      .map((message, k) => labelled(`/${k}`, message, record, index));
  });
}
