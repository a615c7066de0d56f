/**
 * `npm run bench:signatures` — how well signatures are found and read.
 *
 * 1. signatures-forge (192 real Enron emails with labelled signature lines): message-level and
 *    line-level precision / recall / F1 of our detector and of two npm baselines, on all files and
 *    on the even- and odd-numbered halves.
 * 2. The emulator's generated messages, whose true signature fields are known: per-field
 *    precision / recall / F1 of `parseSignature`, English and Japanese separately.
 */
import path from 'node:path';
import {
  detectSignatureLines,
  parseSignature,
  type SignatureFields,
} from '../../server/extraction/signatures';
import {
  emailReplyParserDetector,
  loadForge,
  scoreForge,
  scores,
  talonDetector,
  type ForgeEmail,
  type LineDetector,
  type Scores,
} from './signature-bench-support';

const fixed = (value: number): string => value.toFixed(3);
const row = (cells: (string | number)[], widths: number[]): string =>
  cells
    .map((cell, i) => String(cell).padEnd(widths[i] ?? 8))
    .join(' ')
    .trimEnd();

function forgeTable(): void {
  const emails = loadForge();
  const positives = emails.filter((email) => email.truth.size > 0).length;
  const detectors: [string, LineDetector][] = [
    ['ours (server/extraction/signatures)', (email) => detectSignatureLines(email.text, email.sender)],
    // The same without the sender hint, to show how much of the result the sender's name carries.
    ['ours, without the sender hint', (email) => detectSignatureLines(email.text)],
    ['email-reply-parser 2.3 (signature fragments)', emailReplyParserDetector],
    ['talon 2.3 (bruteforce extractSignature)', talonDetector],
  ];
  const splits: [string, (email: ForgeEmail) => boolean][] = [
    ['all', () => true],
    ['even', (email) => email.number % 2 === 0],
    ['odd', (email) => email.number % 2 === 1],
  ];
  console.log(
    `\n1. Signature detection on signatures-forge: ${emails.length} emails (${positives} with a signature, ` +
      `${emails.length - positives} without; P/15 left out as its README says; blank lines ignored)\n`,
  );
  const widths = [46, 5, 5, 7, 7, 7, 7, 7, 7];
  console.log(
    row(['detector', 'split', 'n', 'msg P', 'msg R', 'msg F1', 'line P', 'line R', 'line F1'], widths),
  );
  for (const [name, detect] of detectors) {
    for (const [split, keep] of splits) {
      const subset = emails.filter(keep);
      const { message, line } = scoreForge(subset, detect);
      const cells = [message.precision, message.recall, message.f1, line.precision, line.recall, line.f1].map(
        fixed,
      );
      console.log(row([name, split, subset.length, ...cells], widths));
    }
  }
}

/** One generated message with the true fields of its sender's signature. */
export interface EmulatorSample {
  language: 'en' | 'ja';
  body: string;
  contentType: 'html' | 'text';
  sender: { name?: string; address: string };
  truth: {
    name: string | null;
    title: string | null;
    department: string | null;
    company: string | null;
    phones: { type: string; e164: string }[];
    email: string | null;
    address: string | null;
    url: string | null;
  };
}

const SCALAR_FIELDS = ['name', 'title', 'department', 'company', 'email', 'address', 'url'] as const;

/** Equal as a person reads them: Unicode-compatible forms, spacing and case aside; a URL's scheme and final "/" aside. */
function comparable(field: string, value: string | null | undefined): string {
  const text = (value ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return field === 'url' ? text.replace(/^https?:\/\//, '').replace(/\/$/, '') : text;
}

/** Per-field precision / recall / F1 of `parseSignature` against the emulator's truth. */
export function scoreEmulatorSignatures(
  samples: EmulatorSample[],
): Map<string, Scores & { support: number }> {
  const counts = new Map<string, { tp: number; fp: number; fn: number; support: number }>();
  const count = (field: string) => {
    let entry = counts.get(field);
    if (!entry) counts.set(field, (entry = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return entry;
  };
  for (const sample of samples) {
    const fields: SignatureFields = parseSignature(sample).fields;
    for (const field of SCALAR_FIELDS) {
      const truth = comparable(field, sample.truth[field]);
      const predicted = comparable(field, fields[field]);
      const entry = count(field);
      if (truth) entry.support += 1;
      if (truth && truth === predicted) entry.tp += 1;
      else {
        if (predicted) entry.fp += 1;
        if (truth) entry.fn += 1;
      }
    }
    const truePhones = new Set(sample.truth.phones.map((phone) => `${phone.type}|${phone.e164}`));
    const foundPhones = new Set(fields.phones.map((phone) => `${phone.type}|${phone.number}`));
    const phones = count('phones (type + E.164)');
    phones.support += truePhones.size;
    for (const phone of foundPhones) if (truePhones.has(phone)) phones.tp += 1;
    phones.fp += [...foundPhones].filter((phone) => !truePhones.has(phone)).length;
    phones.fn += [...truePhones].filter((phone) => !foundPhones.has(phone)).length;
  }
  const all = { tp: 0, fp: 0, fn: 0, support: 0 };
  const result = new Map<string, Scores & { support: number }>();
  for (const [field, entry] of counts) {
    result.set(field, { ...scores(entry.tp, entry.fp, entry.fn), support: entry.support });
    all.tp += entry.tp;
    all.fp += entry.fp;
    all.fn += entry.fn;
    all.support += entry.support;
  }
  result.set('all fields (micro)', { ...scores(all.tp, all.fp, all.fn), support: all.support });
  return result;
}

interface EmulatorModules {
  World: new (options: { seed: number; now: number; messagesPerUser: number; extraUsers: number }) => {
    users: { plantedError: unknown }[];
  };
  generateOwnMessage: (
    world: unknown,
    user: unknown,
    index: number,
    total: number,
  ) => {
    body: string;
    contentType: 'html' | 'text';
    from: { name: string; address: string };
    senderSignature: EmulatorSample['truth'] | null;
  };
}

/**
 * Messages from the emulator's scenario generator (emulator/scenario), loaded at run time so the
 * benchmark still runs, and says why, when the emulator is absent or has changed shape.
 */
export async function loadEmulatorSamples(
  seed: number,
  perUser: number,
): Promise<{ samples: EmulatorSample[]; withoutTruth: number } | { unavailable: string }> {
  const scenario = path.resolve(__dirname, '../../emulator/scenario');
  let modules: EmulatorModules;
  try {
    const world = (await import(path.join(scenario, 'world'))) as Partial<EmulatorModules>;
    const messages = (await import(path.join(scenario, 'messages'))) as Partial<EmulatorModules>;
    if (typeof world.World !== 'function' || typeof messages.generateOwnMessage !== 'function') {
      return { unavailable: 'emulator/scenario has no World / generateOwnMessage' };
    }
    modules = { World: world.World, generateOwnMessage: messages.generateOwnMessage };
  } catch (error) {
    return {
      unavailable: `emulator/scenario could not be loaded (${(error as Error).message.split('\n')[0]})`,
    };
  }
  const world = new modules.World({
    seed,
    now: Date.UTC(2025, 0, 1),
    messagesPerUser: perUser,
    extraUsers: 0,
  });
  const samples: EmulatorSample[] = [];
  let withoutTruth = 0;
  for (const user of world.users.filter((candidate) => candidate.plantedError === null)) {
    for (let index = 0; index < perUser; index += 1) {
      const message = modules.generateOwnMessage(world, user, index, perUser);
      if (!message.from) continue;
      if (!message.senderSignature) {
        // Lists, automated mail, and mail "Sent from my iPhone" carry no signature truth.
        withoutTruth += 1;
        continue;
      }
      const truth = message.senderSignature;
      samples.push({
        language: /[\u3040-\u30ff\u3400-\u9fff]/.test(truth.name ?? '') ? 'ja' : 'en',
        body: message.body,
        contentType: message.contentType,
        sender: message.from,
        truth,
      });
    }
  }
  const first = samples[0]?.truth;
  if (!first || !Array.isArray(first.phones) || typeof first.name !== 'string') {
    return { unavailable: 'the generated messages carry no senderSignature truth of the expected shape' };
  }
  return { samples, withoutTruth };
}

async function emulatorTable(): Promise<void> {
  // Another seed than the one the rules were developed on (42), to keep the figures honest.
  const seed = Number(process.env.SIGNATURE_BENCH_SEED ?? 7);
  const loaded = await loadEmulatorSamples(seed, 150);
  console.log(`\n2. Field extraction on the emulator's generated messages (seed ${seed})\n`);
  if ('unavailable' in loaded) {
    console.log(`   not measured: ${loaded.unavailable}`);
    return;
  }
  const english = loaded.samples.filter((sample) => sample.language === 'en');
  const japanese = loaded.samples.filter((sample) => sample.language === 'ja');
  console.log(
    `   ${english.length} English and ${japanese.length} Japanese signatures (HTML and text, replies with quoted ` +
      `signatures, disclaimers, full-width digits); ${loaded.withoutTruth} messages without a signature truth ` +
      `(lists, automated, mobile) left out. Values compared after NFKC, spacing and case; URLs without scheme.\n`,
  );
  const en = scoreEmulatorSignatures(english);
  const ja = scoreEmulatorSignatures(japanese);
  const widths = [22, 6, 6, 6, 6, 3, 6, 6, 6, 6];
  console.log(row(['field', 'en P', 'en R', 'en F1', 'n', '', 'ja P', 'ja R', 'ja F1', 'n'], widths));
  for (const field of en.keys()) {
    const a = en.get(field);
    const b = ja.get(field);
    const cells = (s?: Scores & { support: number }) =>
      s ? [fixed(s.precision), fixed(s.recall), fixed(s.f1), String(s.support)] : ['-', '-', '-', '0'];
    console.log(row([field, ...cells(a), '', ...cells(b)], widths));
  }
}

async function main(): Promise<void> {
  console.log('Signature intelligence benchmark (npm run bench:signatures)');
  forgeTable();
  await emulatorTable();
  console.log('');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
