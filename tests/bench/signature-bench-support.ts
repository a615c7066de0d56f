/**
 * Support for `npm run bench:signatures`: the scoring the corpus READMEs define, and adapters that
 * turn the baselines' output into line indices.
 */
import EmailReplyParser from 'email-reply-parser';
import type { LabelledEmail } from './signature-corpora';

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

export type LineDetector = (email: LabelledEmail) => Set<number>;

export interface LineScores {
  /** Has a signature or not, over all emails. */
  message: Scores;
  /** Micro-averaged over signature lines; blank and ignored lines count on neither side. */
  line: Scores;
  withSignature: number;
  withoutSignature: number;
  /** Emails with a signature that got none. */
  missed: number;
  /** Emails without a signature that got one. */
  invented: number;
  /** Emails with any line wrong, for looking into (tune data only). */
  errors: string[];
}

export function scoreLines(emails: LabelledEmail[], detect: LineDetector): LineScores {
  const message = { tp: 0, fp: 0, fn: 0 };
  const line = { tp: 0, fp: 0, fn: 0 };
  const result = { withSignature: 0, withoutSignature: 0, missed: 0, invented: 0, errors: [] as string[] };
  for (const email of emails) {
    const predicted = new Set(
      [...detect(email)].filter((i) => (email.lines[i] ?? '').trim() !== '' && !email.ignored.has(i)),
    );
    const hasTruth = email.truth.size > 0;
    const hasPrediction = predicted.size > 0;
    if (hasTruth) result.withSignature += 1;
    else result.withoutSignature += 1;
    if (hasTruth && hasPrediction) message.tp += 1;
    else if (hasPrediction) {
      message.fp += 1;
      result.invented += 1;
    } else if (hasTruth) {
      message.fn += 1;
      result.missed += 1;
    }
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
    if (wrong) result.errors.push(email.id);
  }
  return {
    message: scores(message.tp, message.fp, message.fn),
    line: scores(line.tp, line.fp, line.fn),
    ...result,
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
