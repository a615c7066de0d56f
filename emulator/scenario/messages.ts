import { MAILBOX_HISTORY_MS } from './constants';
import {
  EN_DISCLAIMERS,
  EN_TOPICS,
  INTERNAL_TOPICS,
  JA_DISCLAIMER,
  JA_TOPICS,
  fillTopic,
  greeting,
} from './content';
import { paragraphs, signOff } from './content';
import type { DirectoryUser } from './directory';
import type { Person } from './people';
import { Rng } from './prng';
import { bulk, finish } from './message-envelope';
import { renderBody, type BodyParts } from './render';
import { renderSignature, type SignatureTruth } from './signatures';
import type { Team, World } from './world';

/**
 * One generated email, as it is for everybody who has it. Mailbox-specific facts (Graph id,
 * folder) are added by the mailbox. Any message is regenerated from (seed, stream, index) alone.
 */
export interface Address {
  name: string;
  address: string;
}

export interface GeneratedMessage {
  internetMessageId: string;
  conversationId: string;
  subject: string;
  from: Address;
  to: Address[];
  cc: Address[];
  sentAt: number;
  receivedAt: number;
  contentType: 'html' | 'text';
  body: string;
  uniqueBody: string;
  preview: string;
  headers: Array<{ name: string; value: string }>;
  automated: boolean;
  list: boolean;
  senderSignature: SignatureTruth | null;
}

export const OWN_KINDS = ['ext-in', 'ext-out', 'list', 'auto'] as const;
const OWN_WEIGHTS = [48, 30, 13, 9];
export const TEAM_KINDS = ['internal', 'ext-out-cc', 'ext-in-cc'] as const;
const TEAM_WEIGHTS = [45, 30, 25];

/** The first draws of a message's generator: enough to place it in time and in a folder. */
export function ownEnvelope(rng: Rng) {
  const u = rng.next();
  return { u, kind: OWN_KINDS[rng.weighted(OWN_WEIGHTS)]! };
}

export function teamEnvelope(rng: Rng, size: number) {
  const u = rng.next();
  const kind = TEAM_KINDS[rng.weighted(TEAM_WEIGHTS)]!;
  const sender = rng.int(size);
  const rest = Array.from({ length: size }, (_, i) => i).filter((i) => i !== sender);
  const others = rng.sample(rest, size > 2 && rng.chance(0.35) ? 2 : 1);
  return { u, kind, sender, others };
}

/** Evenly spread over the history window; index order is time order within a stream. */
export function streamTime(now: number, index: number, total: number, u: number): number {
  return Math.floor(now - MAILBOX_HISTORY_MS + ((index + u) / total) * MAILBOX_HISTORY_MS);
}

const addr = (p: Person): Address => ({ name: p.name, address: p.email });

interface Draft {
  key: string;
  from: Person;
  to: Person[];
  cc: Person[];
  receivedAt: number;
  /** Whose earlier message is quoted below, if this is a reply. */
  repliesTo?: Person;
  topics: readonly string[];
}

function compose(world: World, rng: Rng, draft: Draft): GeneratedMessage {
  const { from } = draft;
  const counterpart = draft.to[0]!;
  const lang = from.lang === 'ja' && counterpart.lang === 'ja' ? 'ja' : 'en';
  const topicIndex = rng.int(draft.topics.length);
  const other = from.internal ? counterpart : from;
  const topic = fillTopic(
    draft.topics[topicIndex]!,
    Rng.of(world.seed, 'topic', other.email, topicIndex),
    other.company ?? '',
  );
  const isReply = draft.repliesTo !== undefined && rng.chance(0.45);
  const subject = isReply ? `RE: ${topic}` : rng.chance(0.05) ? `FW: ${topic}` : topic;
  const sentAt = draft.receivedAt - rng.range(1, 90) * 1000;
  const fullWidth = from.lang === 'ja' && rng.chance(0.25);
  const fromMobile = rng.chance(0.08);
  const signature = renderSignature(from, sentAt, { fullWidth });
  const parts = (author: Person, to: Person, at: number, mobile: boolean, sig: string[]): BodyParts => ({
    lang,
    opening: greeting(
      rng,
      lang,
      to.name,
      lang === 'ja' ? to.company : null,
      `${author.company ?? ''}の${author.name}`,
    ),
    paragraphs: paragraphs(rng, lang),
    signOff: signOff(rng, lang),
    signature: mobile ? [author.name.split(' ')[lang === 'ja' ? 0 : 0]!] : sig,
    mobileFooter: mobile ? (lang === 'ja' ? 'iPhoneから送信' : 'Sent from my iPhone') : undefined,
    disclaimer:
      !mobile && author.disclaimer && rng.chance(0.6)
        ? author.lang === 'ja'
          ? JA_DISCLAIMER
          : EN_DISCLAIMERS[0]!
        : undefined,
  });
  const bodyParts = parts(from, counterpart, sentAt, fromMobile, signature.lines);
  // What real mail puts around a signature, drawn from a stream of its own so the rest stays as it was.
  const extras = Rng.of(world.seed, 'extras', draft.key);
  if (!fromMobile) {
    if (extras.chance(0.12)) bodyParts.attachments = attachmentList(extras);
    if (extras.chance(0.05))
      bodyParts.mobileFooter = lang === 'ja' ? 'iPhoneから送信' : 'Sent from my iPhone';
    if (bodyParts.disclaimer && lang === 'en') bodyParts.disclaimer = extras.pick(EN_DISCLAIMERS);
    // A saying under the signature, from a stream of its own so the draws above stay as they were.
    const saying = Rng.of(world.seed, 'saying', draft.key);
    if (lang === 'en' && saying.chance(0.04)) bodyParts.saying = saying.pick(SAYINGS);
  }
  if (isReply && draft.repliesTo) {
    const earlier = sentAt - rng.range(3600, 3 * 86400) * 1000;
    const quotedSig = renderSignature(draft.repliesTo, earlier).lines;
    const markup = rng.chance(0.7) ? 'outlook' : 'gmail';
    bodyParts.quoted = {
      style: extras.chance(0.3) ? extras.pick(['notes', 'separator'] as const) : markup,
      from: addr(draft.repliesTo),
      to: addr(from),
      sentAt: earlier,
      subject: topic,
      parts: parts(draft.repliesTo, from, earlier, false, quotedSig),
    };
  }
  const contentType = rng.chance(0.65) ? 'html' : 'text';
  const body = renderBody(bodyParts, contentType);
  return finish(world, draft, {
    subject,
    sentAt,
    contentType,
    body,
    automated: false,
    list: false,
    senderSignature: senderTruth(bodyParts, fromMobile ? null : signature.truth),
    conversationKey: `${other.email}|${topic}`,
  });
}

/** Sayings in quotation marks, with or without their author, as writers keep them under the block. */
const SAYINGS = [
  '“Simplicity is prerequisite for reliability.”',
  '"Measure twice, cut once." - Old proverb',
  '“Quality is never an accident.” — John Ruskin',
  '"The best way out is always through."',
];

const ATTACHMENT_NAMES = [
  'Proposal v2.docx',
  'Price list 2025.xlsx',
  'Storage agreement redline.doc',
  'Site photos.zip',
  'Meeting notes.pdf',
  'install.log',
  'settings.yaml',
];

/** "- Proposal v2.docx" lines, or Outlook's "<<Price list 2025.xlsx>>". */
function attachmentList(rng: Rng): string[] {
  const files = rng.sample(ATTACHMENT_NAMES, rng.range(1, 2));
  return rng.chance(0.5) ? files.map((file) => ` - ${file}`) : [files.map((file) => `<<${file}>>`).join(' ')];
}

/**
 * The truth about the sender's own signature in the message: the block's fields and lines, and the
 * lines around it that scorers ignore (the closing, a device footer, a disclaimer). A message sent
 * from a phone is signed with a first name only.
 */
function senderTruth(parts: BodyParts, full: SignatureTruth | null): SignatureTruth {
  const ignored = [parts.signOff, parts.mobileFooter ?? '', parts.disclaimer ?? ''].filter(Boolean);
  if (full) return { ...full, ignored };
  const name = parts.signature[0] ?? '';
  return {
    lines: [...parts.signature],
    ignored,
    name,
    title: null,
    department: null,
    company: null,
    phones: [],
    email: null,
    address: null,
    url: null,
  };
}

function pickExternal(world: World, rng: Rng, user: DirectoryUser): { person: Person; colleague?: Person } {
  const net = world.network(user);
  const person = net.people[rng.weighted(net.weights)]!;
  const sameCompany = person.company
    ? world.external.filter((p) => p.company === person.company && p !== person)
    : [];
  return { person, colleague: sameCompany.length > 0 && rng.chance(0.2) ? rng.pick(sameCompany) : undefined };
}

/** Message `index` of a user's own stream: external mail, lists and automated mail. */
export function generateOwnMessage(
  world: World,
  user: DirectoryUser,
  index: number,
  total: number,
  keyPrefix = 'own',
) {
  const rng = Rng.of(world.seed, keyPrefix, user.id, index);
  const env = ownEnvelope(rng);
  const receivedAt = streamTime(world.now, index, total, env.u);
  const key = `${keyPrefix}|${user.id}|${index}`;
  return generateOwnKind(world, rng, user, key, receivedAt, env.kind);
}

export function generateOwnKind(
  world: World,
  rng: Rng,
  user: DirectoryUser,
  key: string,
  receivedAt: number,
  kind: (typeof OWN_KINDS)[number],
): GeneratedMessage {
  if (kind === 'list' || kind === 'auto') return bulk(world, rng, user, key, receivedAt, kind);
  const { person, colleague } = pickExternal(world, rng, user);
  const teammates = world.teamOf(user.id)?.members.filter((m) => m.id !== user.id) ?? [];
  const quotedColleague = teammates.length > 0 && rng.chance(0.3) ? rng.pick(teammates).person : user.person;
  const cc = colleague ? [colleague] : [];
  return kind === 'ext-in'
    ? compose(world, rng, {
        key,
        from: person,
        to: [user.person],
        cc,
        receivedAt,
        repliesTo: quotedColleague,
        topics: person.lang === 'ja' ? JA_TOPICS : EN_TOPICS,
      })
    : compose(world, rng, {
        key,
        from: user.person,
        to: [person],
        cc,
        receivedAt,
        repliesTo: person,
        topics: person.lang === 'ja' ? JA_TOPICS : EN_TOPICS,
      });
}

/** Message `index` of a team's shared stream; it sits in every participating teammate's mailbox. */
export function generateTeamMessage(world: World, team: Team, index: number): GeneratedMessage {
  const rng = Rng.of(world.seed, 'team', team.key, index);
  const env = teamEnvelope(rng, team.members.length);
  const receivedAt = streamTime(world.now, index, team.length, env.u);
  const key = `team|${team.key}|${index}`;
  const sender = team.members[env.sender]!;
  const others = env.others.map((i) => team.members[i]!.person);
  if (env.kind === 'internal') {
    return compose(world, rng, {
      key,
      from: sender.person,
      to: [others[0]!],
      cc: others.slice(1),
      receivedAt,
      repliesTo: others[0],
      topics: INTERNAL_TOPICS,
    });
  }
  const { person } = pickExternal(world, rng, sender);
  const topics = person.lang === 'ja' ? JA_TOPICS : EN_TOPICS;
  return env.kind === 'ext-out-cc'
    ? compose(world, rng, {
        key,
        from: sender.person,
        to: [person],
        cc: others,
        receivedAt,
        repliesTo: person,
        topics,
      })
    : compose(world, rng, {
        key,
        from: person,
        to: [sender.person],
        cc: others,
        receivedAt,
        repliesTo: others[0],
        topics,
      });
}
