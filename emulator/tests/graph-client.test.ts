import { Client } from '@microsoft/microsoft-graph-client';
import type { Message } from '@microsoft/microsoft-graph-types';
import { CONTOSO_TENANT_ID } from '../index';
import {
  appToken,
  control,
  graph,
  startTestEmulator,
  tenant,
  trustDevelopmentCa,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

let emulator: TestEmulator;
let client: Client;
let token: string;
beforeAll(async () => {
  // About 8,000 messages per mailbox puts a little over 5,000 in the inbox.
  emulator = await startTestEmulator({ messagesPerUser: 8000 });
  token = await appToken(emulator, CONTOSO_TENANT_ID);
  // The product's configuration: baseUrl = the emulator, and customHosts so the auth header is sent.
  client = Client.init({
    baseUrl: emulator.url,
    customHosts: new Set([new URL(emulator.url).hostname]),
    authProvider: (done) => done(null, token),
  });
});
afterAll(() => emulator.stop());

interface DeltaPage {
  value: Array<Message & { '@removed'?: { reason: string } }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

async function deltaRound(start: string, pageSize: number) {
  const items: DeltaPage['value'] = [];
  let url: string | undefined = start;
  let pages = 0;
  let deltaLink = '';
  while (url) {
    const page = (await client.api(url).header('Prefer', `odata.maxpagesize=${pageSize}`).get()) as DeltaPage;
    items.push(...page.value);
    pages++;
    url = page['@odata.nextLink'];
    deltaLink = page['@odata.deltaLink'] ?? deltaLink;
  }
  return { items, pages, deltaLink };
}

test('the Graph client pages a 5,000-message inbox to its deltaLink, then sees only new mail and removals', async () => {
  const user = tenant(emulator, 'Contoso').users.find((u) => u.displayName === 'Priya Shah')!;
  const truth = await control<{ messages: Array<{ id: string; folder: string }> }>(
    emulator,
    'GET',
    `mailboxes/${user.id}/truth`,
  );
  const inbox = truth.messages.filter((m) => m.folder === 'inbox');
  expect(inbox.length).toBeGreaterThan(5000);

  const started = Date.now();
  const first = await deltaRound(
    `/users/${user.id}/mailFolders/inbox/messages/delta?$select=subject,from,toRecipients,ccRecipients,receivedDateTime,internetMessageId`,
    500,
  );
  expect(first.pages).toBe(Math.ceil(inbox.length / 500));
  expect(first.items.map((m) => m.id).sort()).toEqual(inbox.map((m) => m.id).sort());
  expect(first.items[0]).toEqual(
    expect.objectContaining({ subject: expect.any(String), internetMessageId: expect.any(String) }),
  );
  expect(first.items[0]).not.toHaveProperty('body');
  expect(first.deltaLink).toMatch(
    new RegExp(`^${emulator.url}/v1\\.0/users/.+/messages/delta\\?\\$deltatoken=`),
  );
  expect(Date.now() - started).toBeLessThan(20_000);

  const delivered = await control<{ id: string; subject: string }>(
    emulator,
    'POST',
    `mailboxes/${user.id}/messages`,
    {},
  );
  const custom = await control<{ id: string }>(emulator, 'POST', `mailboxes/${user.id}/messages`, {
    from: { name: 'Ada Buyer', address: 'ada@northwindtraders.com' },
    subject: 'Fresh order',
    body: 'Please confirm.',
  });
  await control(emulator, 'DELETE', `mailboxes/${user.id}/messages/${encodeURIComponent(inbox[0]!.id)}`);
  await control(emulator, 'PATCH', `mailboxes/${user.id}/messages/${encodeURIComponent(inbox[1]!.id)}`, {
    isRead: false,
  });

  const second = await deltaRound(first.deltaLink, 500);
  expect(second.items).toHaveLength(4);
  expect(second.items.find((m) => m.id === delivered.id)?.subject).toBe(delivered.subject);
  expect(second.items.find((m) => m.id === custom.id)).toMatchObject({ subject: 'Fresh order' });
  expect(second.items.find((m) => m.id === inbox[0]!.id)).toEqual({
    '@odata.type': '#microsoft.graph.message',
    id: inbox[0]!.id,
    '@removed': { reason: 'deleted' },
  });
  expect(second.items.find((m) => m.id === inbox[1]!.id)).toMatchObject({ id: inbox[1]!.id });

  const third = await deltaRound(second.deltaLink, 500);
  expect(third.items).toHaveLength(0);
});

test('Prefer maxpagesize is honoured and echoed; $filter receivedDateTime ge narrows the initial sync', async () => {
  const user = tenant(emulator, 'Contoso').users.find((u) => u.displayName === 'Marcus Lee')!;
  const since = new Date(Date.now() - 30 * 86400_000).toISOString();
  const res = await graph(
    emulator,
    token,
    `/users/${user.id}/mailFolders('inbox')/messages/delta?$filter=receivedDateTime ge ${since}&$select=receivedDateTime`,
    { headers: { Prefer: 'odata.maxpagesize=7' } },
  );
  expect(res.status).toBe(200);
  expect(res.headers.get('preference-applied')).toBe('odata.maxpagesize=7');
  expect(res.body.value).toHaveLength(7);
  for (const m of res.body.value)
    expect(Date.parse(m.receivedDateTime)).toBeGreaterThanOrEqual(Date.parse(since));
  expect(res.body['@odata.nextLink']).toContain('$skiptoken=');

  const bad = await graph(
    emulator,
    token,
    `/users/${user.id}/mailFolders/inbox/messages/delta?$filter=subject eq 'x'`,
  );
  expect(bad.status).toBe(400);
});

test('expire-delta makes the next delta call with an old token answer 410 syncStateNotFound', async () => {
  const user = tenant(emulator, 'Contoso').users.find((u) => u.displayName === 'Tom Becker')!;
  const round = await deltaRound(
    `/users/${user.id}/mailFolders/sentitems/messages/delta?$select=subject`,
    1000,
  );
  await control(emulator, 'POST', `mailboxes/${user.id}/expire-delta`);
  const res = await graph(emulator, token, round.deltaLink.slice(`${emulator.url}/v1.0`.length));
  expect(res.status).toBe(410);
  expect(res.body.error.code).toBe('syncStateNotFound');
});

test('a message reads with body, uniqueBody and internet headers when $select asks for them', async () => {
  const user = tenant(emulator, 'Contoso').users.find((u) => u.displayName === 'Sofia Alvarez')!;
  const truth = await control<{ messages: Array<{ id: string; list: boolean; senderSignature: unknown }> }>(
    emulator,
    'GET',
    `mailboxes/${user.id}/truth`,
  );
  const listMail = truth.messages.find((m) => m.list)!;
  const message = (await client
    .api(`/users/${user.id}/messages/${listMail.id}`)
    .select(['subject', 'body', 'uniqueBody', 'internetMessageHeaders'])
    .get()) as Message;
  expect(message.body?.content).toBeTruthy();
  expect(message.uniqueBody?.content).toBeTruthy();
  expect(message.internetMessageHeaders).toEqual(
    expect.arrayContaining([
      { name: 'Precedence', value: 'bulk' },
      expect.objectContaining({ name: 'List-Id' }),
    ]),
  );
  const plain = (await client.api(`/users/${user.id}/messages/${listMail.id}`).get()) as Message;
  expect(plain).not.toHaveProperty('internetMessageHeaders');
  const missing = await graph(emulator, token, `/users/${user.id}/messages/AAMkAGAAAAAAAAAAAAAAAAAAAAA=`);
  expect(missing.status).toBe(404);
  expect(missing.body.error.code).toBe('ErrorItemNotFound');
});
