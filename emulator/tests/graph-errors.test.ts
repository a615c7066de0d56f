import { CONTOSO_TENANT_ID } from '../index';
import {
  appToken,
  control,
  graph,
  startTestEmulator,
  tenant,
  tokenRequest,
  trustDevelopmentCa,
  type TestEmulator,
} from './support/emulator';

trustDevelopmentCa();

let emulator: TestEmulator;
let token: string;
beforeAll(async () => {
  emulator = await startTestEmulator({ messagesPerUser: 300, limits: { requestsPer10Min: 40 } });
  token = await appToken(emulator, CONTOSO_TENANT_ID);
});
afterAll(() => emulator.stop());
afterEach(() => control(emulator, 'DELETE', 'faults'));

const planted = (error: string) => tenant(emulator, 'Contoso').users.find((u) => u.plantedError === error)!;
const regular = (name: string) => tenant(emulator, 'Contoso').users.find((u) => u.displayName === name)!;

test('planted users fail with the exact status and Graph error codes', async () => {
  const cases: Array<[string, number, string, string]> = [
    [
      'no-mailbox',
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    ],
    [
      'access-denied',
      403,
      'ErrorAccessDenied',
      'Access to OData is disabled: [RAOP] : Blocked by tenant configured AppOnly AccessPolicy settings.',
    ],
    [
      'persistent-failure',
      500,
      'ErrorInternalServerError',
      'An internal server error occurred. The operation failed.',
    ],
  ];
  for (const [error, status, code, message] of cases) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await graph(
        emulator,
        token,
        `/users/${planted(error).id}/mailFolders/inbox/messages/delta`,
      );
      expect({
        error,
        status: res.status,
        code: res.body.error.code,
        message: res.body.error.message,
      }).toEqual({ error, status, code, message });
      expect(res.body.error.innerError).toEqual(
        expect.objectContaining({
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
          date: expect.any(String),
        }),
      );
    }
  }
});

test('deleted-user is listed until its first mailbox call deletes it; then every call is Request_ResourceNotFound', async () => {
  const user = planted('deleted-user');
  const listed = async () =>
    (await graph(emulator, token, '/users?$top=999&$select=id')).body.value.map((u: { id: string }) => u.id);
  expect(await listed()).toContain(user.id);
  expect((await graph(emulator, token, `/users/${user.id}`)).status).toBe(200);
  for (const path of [
    `/users/${user.id}/mailFolders/inbox/messages/delta`,
    `/users/${user.id}/messages`,
    `/users/${user.id}`,
  ]) {
    const res = await graph(emulator, token, path);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('Request_ResourceNotFound');
    expect(res.body.error.message).toBe(
      `Resource '${user.id}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  expect(await listed()).not.toContain(user.id);
});

test('more than 4 concurrent requests on one mailbox get 429 ApplicationThrottled with Retry-After', async () => {
  const user = regular('Hannah Schmidt');
  await control(emulator, 'PUT', 'faults', { latencyMs: 300, mailboxes: [user.id] });
  const results = await Promise.all(
    Array.from({ length: 6 }, () => graph(emulator, token, `/users/${user.id}/mailFolders/inbox`)),
  );
  const throttled = results.filter((r) => r.status === 429);
  expect(results.filter((r) => r.status === 200)).toHaveLength(4);
  expect(throttled).toHaveLength(2);
  for (const r of throttled) {
    expect(r.body.error).toMatchObject({
      code: 'ApplicationThrottled',
      message: 'Application is over its MailboxConcurrency limit.',
    });
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
  }
  const stats = await control<{ mailboxes: Record<string, { maxConcurrent: number; throttled: number }> }>(
    emulator,
    'GET',
    'stats',
  );
  expect(stats.mailboxes[user.id]).toMatchObject({ maxConcurrent: 4, throttled: 2 });
});

test('the per-10-minute request budget answers 429 with Retry-After in seconds', async () => {
  const user = regular('Ethan Walsh');
  let res;
  for (let i = 0; i <= 40; i++) res = await graph(emulator, token, `/users/${user.id}/mailFolders/inbox`);
  expect(res!.status).toBe(429);
  expect(res!.body.error.code).toBe('TooManyRequests');
  expect(Number(res!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});

test('injected faults: 503 with Retry-After, and dropped connections', async () => {
  const user = regular("Liam O'Connor");
  await control(emulator, 'PUT', 'faults', { rate503: 1, mailboxes: [user.id] });
  const res = await graph(emulator, token, `/users/${user.id}/messages?$top=1`);
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBeTruthy();
  await control(emulator, 'PUT', 'faults', { rateDrop: 1, mailboxes: [user.id] });
  await expect(graph(emulator, token, `/users/${user.id}/messages?$top=1`)).rejects.toThrow();
  expect((await graph(emulator, token, `/users/${regular('Grace Kim').id}/messages?$top=1`)).status).toBe(
    200,
  );
});

test('$batch runs up to 20 requests through the same handlers and refuses 21', async () => {
  const user = regular('Daniel Brooks');
  const ok = await graph(emulator, token, '/$batch', {
    method: 'POST',
    body: JSON.stringify({
      requests: [
        { id: '1', method: 'GET', url: `/users/${user.id}?$select=displayName` },
        { id: '2', method: 'GET', url: `/users/${user.id}/mailFolders/inbox` },
        { id: '3', method: 'GET', url: `/users/${planted('no-mailbox').id}/messages` },
      ],
    }),
  });
  expect(ok.status).toBe(200);
  const byId = Object.fromEntries(ok.body.responses.map((r: { id: string }) => [r.id, r]));
  expect(byId['1']).toMatchObject({ status: 200, body: { displayName: 'Daniel Brooks' } });
  expect(byId['2'].body.displayName).toBe('Inbox');
  expect(byId['3']).toMatchObject({ status: 404, body: { error: { code: 'MailboxNotEnabledForRESTAPI' } } });
  const tooMany = await graph(emulator, token, '/$batch', {
    method: 'POST',
    body: JSON.stringify({
      requests: Array.from({ length: 21 }, (_, i) => ({
        id: String(i),
        method: 'GET',
        url: '/organization',
      })),
    }),
  });
  expect(tooMany.status).toBe(400);
  expect(tooMany.body.error.code).toBe('BadRequest');
});

test('401 InvalidAuthenticationToken for missing, tampered, expired and wrong-audience tokens', async () => {
  const contoso = tenant(emulator, 'Contoso');
  const expired = await control<{ access_token: string }>(emulator, 'POST', 'tokens', {
    tenantId: contoso.id,
    expiresInSeconds: -60,
  });
  const admin = contoso.users.find((u) => u.isAdmin)!;
  const apiToken = await tokenRequest(emulator, contoso.id, {
    grant_type: 'password',
    client_id: emulator.scenario.app.clientId,
    scope: emulator.scenario.app.apiScope,
    username: admin.userPrincipalName,
    password: admin.password,
  });
  const [h, p] = token.split('.');
  const cases: Array<[string | null, string]> = [
    [null, 'Access token is empty.'],
    [`${h}.${p}.${'A'.repeat(342)}`, 'Access token validation failure.'],
    [expired.access_token, 'Lifetime validation failed, the token is expired.'],
    [String(apiToken.body.access_token), 'Access token validation failure. Invalid audience.'],
  ];
  for (const [bad, message] of cases) {
    const res = await graph(emulator, bad, '/users');
    expect({ status: res.status, code: res.body.error.code, message: res.body.error.message }).toEqual({
      status: 401,
      code: 'InvalidAuthenticationToken',
      message,
    });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  }
});

test('directory reads: $filter startswith, paging with $skiptoken, organization verified domains', async () => {
  const filtered = await graph(
    emulator,
    token,
    `/users?$filter=startswith(displayName,'pri') or startswith(mail,'tom')&$select=displayName`,
  );
  expect(filtered.body.value.map((u: { displayName: string }) => u.displayName).sort()).toEqual([
    'Priya Shah',
    'Tom Becker',
  ]);
  const page = await graph(emulator, token, '/users?$top=5');
  expect(page.body.value).toHaveLength(5);
  const next = await graph(
    emulator,
    token,
    page.body['@odata.nextLink'].slice(`${emulator.url}/v1.0`.length),
  );
  expect(next.body.value[0].id).not.toBe(page.body.value[0].id);
  const org = await graph(emulator, token, '/organization');
  expect(org.body.value[0].verifiedDomains).toEqual([
    expect.objectContaining({ name: 'contoso.com', isDefault: true, isInitial: false }),
    expect.objectContaining({ name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true }),
  ]);
  const unsupported = await graph(emulator, token, `/users?$filter=endswith(mail,'x')`);
  expect(unsupported.status).toBe(400);
});
