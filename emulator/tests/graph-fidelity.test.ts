import { CONTOSO_TENANT_ID } from '../index';
import {
  appToken,
  control,
  graph,
  startTestEmulator,
  tenant,
  trustDevelopmentCa,
  type Json,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

/**
 * What a real tenant does by default, as Microsoft's documentation describes it (each behaviour's
 * document is named in emulator/README.md): case-insensitive query options, unordered delta
 * unless `$orderby` asks, both forms of an expired delta token and of a 403, item-level throttling
 * inside `$batch`, guests and unlicensed members in the directory.
 */

let emulator: TestEmulator;
let token: string;
beforeAll(async () => {
  emulator = await startTestEmulator({ messagesPerUser: 300 });
  token = await appToken(emulator, CONTOSO_TENANT_ID);
});
afterAll(() => emulator.stop());
afterEach(async () => {
  await control(emulator, 'DELETE', 'faults');
  await control(emulator, 'PUT', 'settings', { deltaInternetMessageHeaders: true });
});

const contoso = () => tenant(emulator, 'Contoso');
const named = (name: string) => contoso().users.find((u) => u.displayName === name)!;
const planted = (error: string) => contoso().users.find((u) => u.plantedError === error)!;
const path = (link: string) => link.slice(`${emulator.url}/v1.0`.length);

async function deltaRound(start: string, pageSize = 50) {
  const items: Json[] = [];
  let url: string | undefined = start;
  let deltaLink = '';
  while (url) {
    const page = await graph(emulator, token, url, { headers: { Prefer: `odata.maxpagesize=${pageSize}` } });
    expect(page.status).toBe(200);
    items.push(...page.body.value);
    url = page.body['@odata.nextLink'] ? path(page.body['@odata.nextLink']) : undefined;
    deltaLink = page.body['@odata.deltaLink'] ?? deltaLink;
  }
  return { items, deltaLink };
}

const times = (items: Json[]) => items.map((m) => Date.parse(m.receivedDateTime));
const isSorted = (xs: number[], dir: 1 | -1) => xs.every((x, i) => i === 0 || dir * (x - xs[i - 1]!) >= 0);

test('system query options are case-insensitive: $skipToken pages the directory like $skiptoken', async () => {
  const first = await graph(emulator, token, '/users?$top=5&$select=id');
  const link = new URL(first.body['@odata.nextLink']);
  const skipToken = link.searchParams.get('$skiptoken')!;
  const lower = await graph(emulator, token, `/users?$top=5&$select=id&$skiptoken=${skipToken}`);
  const camel = await graph(emulator, token, `/users?$TOP=5&$Select=id&$skipToken=${skipToken}`);
  const ids = (r: { body: Json }) => r.body.value.map((u: { id: string }) => u.id);
  expect(ids(camel)).toEqual(ids(lower));
  expect(ids(camel)).not.toEqual(ids(first));
  expect(camel.body.value[0]).toEqual({ id: expect.any(String) });

  const twice = await graph(emulator, token, '/users?$top=5&$TOP=6');
  expect(twice.status).toBe(400);
  expect(twice.body.error.message).toContain("'$top' was specified more than once");
});

test('message delta without $orderby has no order; with $orderby=receivedDateTime desc it is newest first', async () => {
  const user = named('Priya Shah');
  const base = `/users/${user.id}/mailFolders/inbox/messages/delta?$select=receivedDateTime`;
  const unordered = await deltaRound(base);
  const newest = await deltaRound(`${base}&$orderBy=receivedDateTime desc`);
  const truth = await control<{ messages: Array<{ id: string; folder: string }> }>(
    emulator,
    'GET',
    `mailboxes/${user.id}/truth`,
  );
  const inbox = truth.messages.filter((m) => m.folder === 'inbox').map((m) => m.id);
  expect(unordered.items.map((m) => m.id).sort()).toEqual([...inbox].sort());
  expect(newest.items.map((m) => m.id).sort()).toEqual([...inbox].sort());
  expect(isSorted(times(newest.items), -1)).toBe(true);
  expect(isSorted(times(unordered.items), -1)).toBe(false);
  expect(isSorted(times(unordered.items), 1)).toBe(false);

  const stats = await control<{ mailboxes: Record<string, { deltaRounds: Json }> }>(emulator, 'GET', 'stats');
  expect(stats.mailboxes[user.id]!.deltaRounds).toEqual({ newestFirst: 1, unordered: 1 });
  const bad = await graph(emulator, token, `${base}&$orderby=subject`);
  expect(bad.status).toBe(400);
});

test('an unordered round returns each message once even while mail arrives during it', async () => {
  const user = named('Marcus Lee');
  const start = `/users/${user.id}/mailFolders/inbox/messages/delta?$select=subject`;
  const first = await graph(emulator, token, start, { headers: { Prefer: 'odata.maxpagesize=40' } });
  const seen: string[] = first.body.value.map((m: { id: string }) => m.id);
  for (let i = 0; i < 3; i++) await control(emulator, 'POST', `mailboxes/${user.id}/messages`, {});
  const rest = await deltaRound(path(first.body['@odata.nextLink']), 40);
  seen.push(...rest.items.map((m) => m.id));
  expect(new Set(seen).size).toBe(seen.length);
  const after = await deltaRound(path(rest.deltaLink));
  expect(after.items).toHaveLength(3);
});

test('an expired delta token answers 410 syncStateNotFound or 400 resyncRequired, camelCase as errors.md lists them', async () => {
  const user = named('Tom Becker');
  for (const [code, status] of [
    ['syncStateNotFound', 410],
    ['resyncRequired', 400],
  ] as const) {
    const round = await deltaRound(
      `/users/${user.id}/mailFolders/sentitems/messages/delta?$select=subject`,
      500,
    );
    await control(emulator, 'POST', `mailboxes/${user.id}/expire-delta`, { code });
    const res = await graph(emulator, token, path(round.deltaLink));
    expect({ status: res.status, code: res.body.error.code }).toEqual({ status, code });
  }
});

test('internetMessageHeaders in delta follow the setting; a GET of the message always has them', async () => {
  const user = named('Sofia Alvarez');
  const start = `/users/${user.id}/mailFolders/inbox/messages/delta?$select=subject,internetMessageHeaders`;
  const withHeaders = await graph(emulator, token, start);
  expect(withHeaders.body.value[0]).toHaveProperty('internetMessageHeaders');
  await control(emulator, 'PUT', 'settings', { deltaInternetMessageHeaders: false });
  const without = await graph(emulator, token, start);
  expect(without.body.value.length).toBeGreaterThan(0);
  for (const m of without.body.value) expect(m).not.toHaveProperty('internetMessageHeaders');
  const one = await graph(
    emulator,
    token,
    `/users/${user.id}/messages/${without.body.value[0].id}?$select=internetMessageHeaders`,
  );
  expect(one.body.internetMessageHeaders.length).toBeGreaterThan(0);
});

test('$batch items are throttled one by one: 429 with their own Retry-After, answered in any order', async () => {
  const user = named('Hannah Schmidt');
  const ids = (await graph(emulator, token, `/users/${user.id}/messages?$top=20&$select=id`)).body.value.map(
    (m: { id: string }) => m.id,
  );
  await control(emulator, 'PUT', 'faults', { latencyMs: 200, mailboxes: [user.id] });
  const res = await graph(emulator, token, '/$batch', {
    method: 'POST',
    body: JSON.stringify({
      requests: ids.map((id: string, n: number) => ({
        id: String(n),
        method: 'GET',
        url: `/users/${user.id}/messages/${id}?$select=body`,
      })),
    }),
  });
  expect(res.status).toBe(200);
  const responses = res.body.responses as Array<{ id: string; status: number; headers: Json; body: Json }>;
  expect(responses.map((r) => r.id).sort()).toEqual(ids.map((_: string, n: number) => String(n)).sort());
  expect(responses.filter((r) => r.status === 200)).toHaveLength(4);
  const throttled = responses.filter((r) => r.status === 429);
  expect(throttled).toHaveLength(16);
  for (const r of throttled) {
    expect(r.body.error.code).toBe('ApplicationThrottled');
    expect(Number(r.headers['Retry-After'])).toBeGreaterThan(0);
  }
  // The four admitted items finished last (after the latency), so they are answered last.
  expect(responses.slice(-4).every((r) => r.status === 200)).toBe(true);
});

test('403 ErrorAccessDenied comes in two forms: an application access policy, and no Mail.Read', async () => {
  const delta = (id: string, t = token) =>
    graph(emulator, t, `/users/${id}/mailFolders/inbox/messages/delta`);
  const policy = await delta(planted('access-denied').id);
  expect(policy.body.error).toMatchObject({
    code: 'ErrorAccessDenied',
    message: expect.stringMatching(/^Access to OData is disabled/),
  });
  const noMailRead = await delta(planted('mail-read-denied').id);
  expect(noMailRead.status).toBe(403);
  expect(noMailRead.body.error).toMatchObject({
    code: 'ErrorAccessDenied',
    message: 'Access is denied. Check credentials and try again.',
  });
  // The same answer for a token without the Mail.Read role (consent revoked), on any mailbox.
  await control(emulator, 'PUT', `tenants/${CONTOSO_TENANT_ID}/consent`, { granted: false });
  const roleless = await control<{ access_token: string }>(emulator, 'POST', 'tokens', {
    tenantId: CONTOSO_TENANT_ID,
  });
  await control(emulator, 'PUT', `tenants/${CONTOSO_TENANT_ID}/consent`, { granted: true });
  const revoked = await delta(named('Grace Kim').id, roleless.access_token);
  expect({ status: revoked.status, ...revoked.body.error, innerError: undefined }).toEqual({
    status: 403,
    code: 'ErrorAccessDenied',
    message: 'Access is denied. Check credentials and try again.',
    innerError: undefined,
  });
});

test('the directory lists a #EXT# guest and unlicensed members; assignedLicenses and userType are selectable', async () => {
  const res = await graph(
    emulator,
    token,
    '/users?$top=999&$select=id,userPrincipalName,mail,userType,assignedLicenses',
  );
  const users = res.body.value as Array<{
    id: string;
    userPrincipalName: string;
    userType: string;
    assignedLicenses: Json[];
  }>;
  const guest = users.find((u) => u.userType === 'Guest')!;
  expect(guest.userPrincipalName).toMatch(/^[^#]+#EXT#@contoso\.onmicrosoft\.com$/);
  expect(guest.assignedLicenses).toEqual([]);
  const unlicensed = users.find((u) => u.id === planted('no-mailbox').id)!;
  expect(unlicensed).toMatchObject({ userType: 'Member', assignedLicenses: [] });
  const licensed = users.find((u) => u.id === named('Daniel Brooks').id)!;
  expect(licensed.assignedLicenses).toEqual([{ disabledPlans: [], skuId: expect.any(String) }]);
  const plain = await graph(emulator, token, `/users/${guest.id}`);
  expect(plain.body).not.toHaveProperty('userType');
  const mailbox = await graph(emulator, token, `/users/${guest.id}/mailFolders/inbox/messages/delta`);
  expect(mailbox.body.error.code).toBe('MailboxNotEnabledForRESTAPI');
});
