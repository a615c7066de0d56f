/**
 * The emulator's generated messages as benchmark data: each with the true fields and lines of its
 * sender's signature (none for lists and automated mail), English and Japanese. The generator is
 * loaded at run time so the benchmark still runs, and says why, if the emulator has changed shape.
 */
import path from 'node:path';
import { bodyToText, parseSignature, type SignatureFields } from '../../server/extraction/signatures';
import { scores, type Scores } from './signature-bench-support';
import type { LabelledEmail } from './signature-corpora';

interface FieldTruth {
  lines: string[];
  ignored: string[];
  name: string | null;
  title: string | null;
  department: string | null;
  company: string | null;
  phones: { type: string; e164: string; extension?: string }[];
  email: string | null;
  address: string | null;
  url: string | null;
}

/** One generated message; `truth` is null for mail without a signature (lists, automated). */
export interface EmulatorSample extends LabelledEmail {
  language: 'en' | 'ja';
  body: string;
  contentType: 'html' | 'text';
  sender: { name?: string; address: string };
  fieldTruth: FieldTruth | null;
}

interface GeneratedMessage {
  body: string;
  uniqueBody: string;
  contentType: 'html' | 'text';
  from: { name: string; address: string };
  senderSignature: FieldTruth | null;
}

interface EmulatorModules {
  World: new (options: { seed: number; now: number; messagesPerUser: number; extraUsers: number }) => {
    users: { plantedError: unknown }[];
  };
  generateOwnMessage: (world: unknown, user: unknown, index: number, total: number) => GeneratedMessage;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff]/;

/** The lines of the converted body that are the signature, and those ignored around it. */
function labelLines(message: GeneratedMessage): Pick<LabelledEmail, 'text' | 'lines' | 'truth' | 'ignored'> {
  const text = bodyToText(message.body, message.contentType);
  const lines = text.split('\n');
  // Only the sender's own part counts: the quoted message below has someone else's signature.
  const own = bodyToText(message.uniqueBody, message.contentType).split('\n').length;
  const truth = new Set<number>();
  const ignored = new Set<number>();
  const signature = message.senderSignature;
  if (signature) {
    // HTML collapses runs of spaces ("…2B2E  7C5C…" of a key's fingerprint): compare with them collapsed.
    const squeezed = (line: string) => line.trim().replace(/\s+/g, ' ');
    const wanted = signature.lines.map(squeezed).filter(Boolean);
    for (let start = 0; start < own && truth.size === 0; start += 1) {
      const found: number[] = [];
      for (let i = start; i < own && found.length < wanted.length; i += 1) {
        const line = squeezed(lines[i] ?? '');
        if (line === '') continue;
        if (line !== wanted[found.length]) break;
        found.push(i);
      }
      if (found.length === wanted.length) found.forEach((i) => truth.add(i));
    }
    const around = new Set(
      signature.ignored.flatMap((entry) => entry.split('\n').map((line) => line.trim())).filter(Boolean),
    );
    for (let i = 0; i < own; i += 1) if (around.has((lines[i] ?? '').trim()) && !truth.has(i)) ignored.add(i);
  }
  return { text, lines, truth, ignored };
}

export async function loadEmulatorSamples(
  seed: number,
  perUser: number,
): Promise<{ samples: EmulatorSample[]; unlocated: number } | { unavailable: string }> {
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
  let unlocated = 0;
  for (const [u, user] of world.users.filter((candidate) => candidate.plantedError === null).entries()) {
    for (let index = 0; index < perUser; index += 1) {
      const message = modules.generateOwnMessage(world, user, index, perUser);
      if (!message.from) continue;
      const fieldTruth = message.senderSignature;
      if (fieldTruth && !Array.isArray(fieldTruth.lines)) {
        return { unavailable: 'the generated messages carry no signature lines in their truth' };
      }
      const labelled = labelLines(message);
      if (fieldTruth && labelled.truth.size === 0) unlocated += 1;
      samples.push({
        id: `${u}/${index}`,
        ...labelled,
        language: CJK.test(fieldTruth?.name ?? message.body) ? 'ja' : 'en',
        body: message.body,
        contentType: message.contentType,
        sender: message.from,
        fieldTruth,
      });
    }
  }
  return { samples, unlocated };
}

export const SCALAR_FIELDS = ['name', 'title', 'department', 'company', 'email', 'address', 'url'] as const;

/** Equal as a person reads them: Unicode-compatible forms, spacing and case aside; a URL's scheme and final "/" aside. */
function comparable(field: string, value: string | null | undefined): string {
  const text = (value ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return field === 'url' ? text.replace(/^https?:\/\//, '').replace(/\/$/, '') : text;
}

export type FieldScores = Map<string, Scores & { support: number }>;

/** Per-field precision / recall / F1 of `parseSignature` against the truth; a field's absence is truth too. */
export function scoreEmulatorFields(samples: EmulatorSample[]): FieldScores {
  const counts = new Map<string, { tp: number; fp: number; fn: number; support: number }>();
  const count = (field: string) => {
    let entry = counts.get(field);
    if (!entry) counts.set(field, (entry = { tp: 0, fp: 0, fn: 0, support: 0 }));
    return entry;
  };
  for (const sample of samples) {
    const fields: SignatureFields = parseSignature(sample).fields;
    const truth = sample.fieldTruth;
    for (const field of SCALAR_FIELDS) {
      const expected = comparable(field, truth?.[field]);
      const predicted = comparable(field, fields[field]);
      const entry = count(field);
      if (expected) entry.support += 1;
      if (expected && expected === predicted) entry.tp += 1;
      else {
        if (predicted) entry.fp += 1;
        if (expected) entry.fn += 1;
      }
    }
    const key = (type: string, e164: string, extension?: string) => `${type}|${e164}|${extension ?? ''}`;
    const truePhones = new Set(
      (truth?.phones ?? []).map((phone) => key(phone.type, phone.e164, phone.extension)),
    );
    const foundPhones = new Set(fields.phones.map((phone) => key(phone.type, phone.number, phone.extension)));
    const phones = count('phones (type + E.164 + ext.)');
    phones.support += truePhones.size;
    for (const phone of foundPhones) if (truePhones.has(phone)) phones.tp += 1;
    phones.fp += [...foundPhones].filter((phone) => !truePhones.has(phone)).length;
    phones.fn += [...truePhones].filter((phone) => !foundPhones.has(phone)).length;
  }
  const all = { tp: 0, fp: 0, fn: 0, support: 0 };
  const result: FieldScores = new Map();
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
