/**
 * Support for `npm run bench:signatures`: the forge corpus, the scoring the corpus README
 * defines, and adapters that turn the baselines' output into line indices.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import EmailReplyParser from 'email-reply-parser';

export const FORGE_DIR = path.resolve(__dirname, '../../../shared/test-data/signatures-forge/dataset');
const MARK = '#sig#';

export interface ForgeEmail {
  /** "P/13" or "N/4". */
  id: string;
  number: number;
  text: string;
  lines: string[];
  /** Indices of the labelled signature lines, blank lines left out. */
  truth: Set<number>;
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
      const senderFile = path.join(directory, `${match[1]}_sender`);
      const sender = parseForgeSender(readFileSync(senderFile, 'utf8'));
      emails.push({ id, number: Number(match[1]), text: lines.join('\n'), lines, truth, sender });
    }
  }
  return emails.sort((a, b) => a.number - b.number);
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function scores(truePositives: number, falsePositives: number, falseNegatives: number): Scores {
  const precision =
    truePositives + falsePositives === 0 ? 0 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 0 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export type LineDetector = (email: ForgeEmail) => Set<number>;

export interface ForgeScores {
  message: Scores;
  line: Scores;
  errors: string[];
}

/** Message level over P ∪ N and micro line level against the `#sig#` lines, blank lines ignored. */
export function scoreForge(emails: ForgeEmail[], detect: LineDetector): ForgeScores {
  const message = { tp: 0, fp: 0, fn: 0 };
  const line = { tp: 0, fp: 0, fn: 0 };
  const errors: string[] = [];
  for (const email of emails) {
    const predicted = new Set([...detect(email)].filter((i) => (email.lines[i] ?? '').trim() !== ''));
    const hasTruth = email.truth.size > 0;
    const hasPrediction = predicted.size > 0;
    if (hasTruth && hasPrediction) message.tp += 1;
    else if (hasPrediction) message.fp += 1;
    else if (hasTruth) message.fn += 1;
    let wrong = false;
    for (const i of predicted) {
      if (email.truth.has(i)) line.tp += 1;
      else {
        line.fp += 1;
        wrong = true;
      }
    }
    for (const i of email.truth) {
      if (!predicted.has(i)) {
        line.fn += 1;
        wrong = true;
      }
    }
    if (wrong) errors.push(email.id);
  }
  return {
    message: scores(message.tp, message.fp, message.fn),
    line: scores(line.tp, line.fp, line.fn),
    errors,
  };
}

/** Marks the lines of `text` that a baseline's signature text covers, matching from the end. */
function linesOfTrailingText(lines: string[], signature: string): Set<number> {
  const wanted = signature
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const found = new Set<number>();
  let cursor = lines.length - 1;
  for (let w = wanted.length - 1; w >= 0; w -= 1) {
    while (cursor >= 0 && (lines[cursor] ?? '').trim() !== wanted[w]) cursor -= 1;
    if (cursor < 0) break;
    found.add(cursor);
    cursor -= 1;
  }
  return found;
}

/** email-reply-parser: the lines of the fragments it marks as a signature. */
export const emailReplyParserDetector: LineDetector = (email) => {
  const fragments = new EmailReplyParser().read(email.text).getFragments();
  const found = new Set<number>();
  let cursor = 0;
  for (const fragment of fragments) {
    for (const fragmentLine of fragment.getContent().split('\n')) {
      const wanted = fragmentLine.trim();
      if (wanted === '') continue;
      let index = cursor;
      while (index < email.lines.length && (email.lines[index] ?? '').trim() !== wanted) index += 1;
      if (index >= email.lines.length) continue;
      if (fragment.isSignature()) found.add(index);
      cursor = index + 1;
    }
  }
  return found;
};

interface TalonModule {
  signature: { bruteforce: { extractSignature(body: string): { text: string; signature: string | null } } };
}

// talon (lmtm/node-talon) ships no type declarations and no ES module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const talon = require('talon') as TalonModule;

/** talon: the brute-force signature extraction of Mailgun's talon, as ported to JavaScript. */
export const talonDetector: LineDetector = (email) => {
  const { signature } = talon.signature.bruteforce.extractSignature(email.text);
  return signature ? linesOfTrailingText(email.lines, signature) : new Set();
};
