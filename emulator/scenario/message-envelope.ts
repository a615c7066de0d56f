import { EN_TOPICS, NEWSLETTER_LINES, fillTopic } from './content';
import type { DirectoryUser } from './directory';
import type { Address, GeneratedMessage } from './messages';
import type { Person } from './people';
import { AUTOMATED_SENDERS, MAILING_LISTS } from './people-data';
import { hash32, type Rng } from './prng';
import type { SignatureTruth } from './signatures';
import type { World } from './world';

/**
 * What every generated message gets around its body: ids, Internet headers, conversation id;
 * and the mail nobody writes by hand — mailing lists and automated senders.
 */

const addr = (p: Person): Address => ({ name: p.name, address: p.email });
const b64 = (n: number) => Buffer.from(n.toString(16).padStart(8, '0'), 'hex').toString('base64url');

interface EnvelopeDraft {
  key: string;
  from: Person;
  to: Person[];
  cc: Person[];
  receivedAt: number;
}

export function finish(
  world: World,
  draft: EnvelopeDraft,
  m: {
    subject: string;
    sentAt: number;
    contentType: 'html' | 'text';
    body: { content: string; unique: string; preview: string };
    automated: boolean;
    list: boolean;
    senderSignature: SignatureTruth | null;
    conversationKey: string;
    extraHeaders?: Array<{ name: string; value: string }>;
  },
): GeneratedMessage {
  const domain = draft.from.email.split('@')[1]!;
  const h = hash32(world.seed, draft.key);
  const internetMessageId = `<${h.toString(16).toUpperCase()}${hash32(draft.key).toString(16).toUpperCase()}@${domain}>`;
  const list = (people: Person[]) => people.map((p) => `${p.name} <${p.email}>`).join(', ');
  const headers = [
    { name: 'MIME-Version', value: '1.0' },
    { name: 'Content-Type', value: `text/${m.contentType === 'html' ? 'html' : 'plain'}; charset="utf-8"` },
    { name: 'Message-ID', value: internetMessageId },
    { name: 'Date', value: new Date(m.sentAt).toUTCString().replace('GMT', '+0000') },
    { name: 'From', value: list([draft.from]) },
    { name: 'To', value: list(draft.to) },
    ...(draft.cc.length > 0 ? [{ name: 'Cc', value: list(draft.cc) }] : []),
    { name: 'Subject', value: m.subject },
    ...(m.extraHeaders ?? []),
  ];
  return {
    internetMessageId,
    conversationId: `AAQkA${b64(hash32(world.seed, 'conv', m.conversationKey))}${b64(hash32('conv', m.conversationKey))}=`,
    subject: m.subject,
    from: addr(draft.from),
    to: draft.to.map(addr),
    cc: draft.cc.map(addr),
    sentAt: m.sentAt,
    receivedAt: draft.receivedAt,
    contentType: m.contentType,
    body: m.body.content,
    uniqueBody: m.body.unique,
    preview: m.body.preview,
    headers,
    automated: m.automated,
    list: m.list,
    senderSignature: m.senderSignature,
  };
}

export function bulk(
  world: World,
  rng: Rng,
  user: DirectoryUser,
  key: string,
  receivedAt: number,
  kind: 'list' | 'auto',
) {
  const sender = kind === 'list' ? rng.pick(MAILING_LISTS) : rng.pick(AUTOMATED_SENDERS);
  const person = { ...user.person, name: sender.name, email: sender.address, internal: false };
  const subject =
    kind === 'list'
      ? `[${sender.name}] ${rng.pick(['Weekly digest', 'Top stories this week', 'Event reminder', 'New release notes'])}`
      : 'kind' in sender && sender.kind === 'bounce'
        ? `Undeliverable: ${fillTopic(rng.pick(EN_TOPICS), rng, '')}`
        : rng.pick([
            'Your order has shipped',
            'Payment received',
            'Security alert',
            'Your receipt',
            'Action required: verify your account',
          ]);
  const text = [
    kind === 'list' ? `${sender.name}` : 'This is an automated message. Please do not reply.',
    ...rng.sample(NEWSLETTER_LINES, 2),
  ].join('\n\n');
  const extraHeaders =
    kind === 'list'
      ? [
          { name: 'List-Id', value: `${sender.name} <${'listId' in sender ? sender.listId : ''}>` },
          { name: 'List-Unsubscribe', value: `<mailto:unsubscribe@${sender.address.split('@')[1]}>` },
          { name: 'Precedence', value: 'bulk' },
        ]
      : [
          { name: 'Auto-Submitted', value: 'auto-generated' },
          { name: 'X-Auto-Response-Suppress', value: 'All' },
        ];
  const to = kind === 'list' ? [{ ...person, name: sender.name }] : [user.person];
  return finish(
    world,
    { key, from: person, to, cc: [], receivedAt },
    {
      subject,
      sentAt: receivedAt - rng.range(1, 30) * 1000,
      contentType: 'text',
      body: { content: text, unique: text, preview: text.replace(/\s+/g, ' ').slice(0, 255) },
      automated: kind === 'auto',
      list: kind === 'list',
      senderSignature: null,
      conversationKey: `${sender.address}|${subject}`,
      extraHeaders,
    },
  );
}
