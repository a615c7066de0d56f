import { createPrivateKey } from 'node:crypto';
import { admin } from '@googleapis/admin';
import { gmail } from '@googleapis/gmail';
import { OAuth2Client } from 'google-auth-library';
import { SignJWT } from 'jose';
import { startTestEmulator, type TestEmulator } from './support/emulator';

/**
 * The Google side of the emulator, driven by Google's own client libraries (google-auth-library,
 * @googleapis/gmail, @googleapis/admin) pointed at it by their endpoint options alone.
 */
describe('Google Workspace emulator', () => {
  let emulator: TestEmulator;
  const gmailScope = 'https://www.googleapis.com/auth/gmail.readonly';
  const userScope = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
  const google = () => emulator.scenario.google;
  const workspace = () => google().workspaces[0]!;
  const member = () => workspace().users.find((u) => !u.isAdmin && !u.plantedError)!;
  const adminUser = () => workspace().users.find((u) => u.isAdmin)!;

  /** The service account's JWT-bearer grant, acting for `sub`, exactly as RFC 7523 describes it. */
  async function delegatedToken(sub: string, scopes: string[]) {
    const key = google().serviceAccountKey;
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: scopes.join(' ') })
      .setProtectedHeader({ alg: 'RS256', kid: key.private_key_id })
      .setIssuer(key.client_email)
      .setSubject(sub)
      .setAudience(key.token_uri)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(createPrivateKey(key.private_key));
    const res = await fetch(key.token_uri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    return { status: res.status, body: (await res.json()) as { access_token?: string; error?: string } };
  }

  const delegate = (scopes: string[]) =>
    fetch(`${emulator.url}/_emulator/google/workspaces/${workspace().customerId}/delegation`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scopes }),
    });

  function gmailAs(token: string) {
    const auth = new OAuth2Client({ transporterOptions: { fetchImplementation: fetch } });
    auth.setCredentials({ access_token: token });
    return gmail({
      version: 'v1',
      auth,
      rootUrl: google().endpoints.apiRootUrl,
      retry: false,
      fetchImplementation: fetch,
    });
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 120, limits: { gmailUnitsPerUserMinute: 2_000 } });
  });
  afterAll(() => emulator?.stop());

  it('refuses to act for a user until the Workspace authorizes the client ID for every scope asked', async () => {
    const before = await delegatedToken(member().mail, [gmailScope]);
    expect(before).toMatchObject({ status: 401, body: { error: 'unauthorized_client' } });
    await delegate([userScope]);
    expect((await delegatedToken(member().mail, [gmailScope])).body.error).toBe('unauthorized_client');
    await delegate([gmailScope, userScope]);
    expect((await delegatedToken(member().mail, [gmailScope])).body.access_token).toBeTruthy();
    expect(await delegatedToken('nobody@firstupconsultants.com', [gmailScope])).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('lists labels newest first, reads metadata, and expires history to 404', async () => {
    const token = (await delegatedToken(member().mail, [gmailScope])).body.access_token!;
    const api = gmailAs(token);
    const profile = await api.users.getProfile({ userId: 'me' });
    const listed = await api.users.messages.list({ userId: 'me', labelIds: ['INBOX'], maxResults: 500 });
    const ids = listed.data.messages!.map((m) => m.id!);
    const got = await api.users.messages.get({
      userId: 'me',
      id: ids[0]!,
      format: 'metadata',
      metadataHeaders: ['From', 'Message-ID'],
    });
    expect(got.data.labelIds).toContain('INBOX');
    expect(got.data.payload!.headers!.map((h) => h.name).sort()).toEqual(['From', 'Message-ID']);
    const dates = await Promise.all(
      ids
        .slice(0, 5)
        .map(async (id) =>
          Number((await api.users.messages.get({ userId: 'me', id, format: 'minimal' })).data.internalDate),
        ),
    );
    expect(dates).toEqual([...dates].sort((a, b) => b - a));

    await fetch(`${emulator.url}/_emulator/mailboxes/${member().id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const history = await api.users.history.list({
      userId: 'me',
      startHistoryId: profile.data.historyId!,
      labelId: 'INBOX',
    });
    expect(history.data.history).toHaveLength(1);
    expect(Number(history.data.historyId)).toBeGreaterThan(Number(profile.data.historyId));

    await fetch(`${emulator.url}/_emulator/mailboxes/${member().id}/expire-delta`, { method: 'POST' });
    await expect(
      api.users.history.list({ userId: 'me', startHistoryId: profile.data.historyId! }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers a multipart batch part by part, and the per-user quota with 403 userRateLimitExceeded', async () => {
    const token = (await delegatedToken(member().mail, [gmailScope])).body.access_token!;
    const api = gmailAs(token);
    const ids = (await api.users.messages.list({ userId: 'me', maxResults: 3 })).data.messages!.map(
      (m) => m.id!,
    );
    const boundary = 'b1';
    const body =
      [...ids, 'ffffffffffffffffff']
        .map(
          (id, i) =>
            `--${boundary}\r\nContent-Type: application/http\r\nContent-ID: <q${i}>\r\n\r\nGET /gmail/v1/users/me/messages/${id}?format=minimal\r\n\r\n`,
        )
        .join('') + `--${boundary}--`;
    const res = await fetch(`${google().endpoints.apiRootUrl}batch/gmail/v1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/mixed; boundary=${boundary}` },
      body,
    });
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=/);
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
    expect(text).toContain('Content-ID: <response-q3>\r\n\r\nHTTP/1.1 404 Not Found');

    let refused: unknown = null;
    for (let i = 0; i < 500 && !refused; i++) {
      await api.users.messages
        .get({ userId: 'me', id: ids[0]!, format: 'minimal' })
        .catch((err) => (refused = err));
    }
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as { response: { data: unknown } }).response.data).toMatchObject({
      error: { code: 403, errors: [{ reason: 'userRateLimitExceeded', domain: 'usageLimits' }] },
    });
  });

  it('serves the Directory API to admins only', async () => {
    const asAdmin = new OAuth2Client({ transporterOptions: { fetchImplementation: fetch } });
    asAdmin.setCredentials({
      access_token: (await delegatedToken(adminUser().mail, [userScope])).body.access_token!,
    });
    const directory = admin({
      version: 'directory_v1',
      auth: asAdmin,
      rootUrl: google().endpoints.apiRootUrl,
      fetchImplementation: fetch,
    });
    const users = await directory.users.list({ customer: 'my_customer', maxResults: 3, orderBy: 'email' });
    expect(users.data.users).toHaveLength(3);
    expect(users.data.nextPageToken).toBeTruthy();
    const asMember = new OAuth2Client({ transporterOptions: { fetchImplementation: fetch } });
    asMember.setCredentials({
      access_token: (await delegatedToken(member().mail, [userScope])).body.access_token!,
    });
    await expect(
      admin({
        version: 'directory_v1',
        auth: asMember,
        rootUrl: google().endpoints.apiRootUrl,
        fetchImplementation: fetch,
      }).users.list({
        customer: 'my_customer',
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('signs a Workspace admin in with OpenID Connect; the ID token verifies with google-auth-library and carries hd', async () => {
    const { clientId, clientSecret } = google().oauthClient;
    const endpoints = {
      oauth2AuthBaseUrl: `${google().endpoints.accountsUrl}/o/oauth2/v2/auth`,
      oauth2TokenUrl: google().endpoints.tokenUrl,
      oauth2FederatedSignonPemCertsUrl: google().endpoints.certsUrl,
    };
    const redirectUri = 'https://localhost:3000/auth/google/callback';
    const client = new OAuth2Client({
      clientId,
      clientSecret,
      redirectUri,
      endpoints,
      transporterOptions: { fetchImplementation: fetch },
    });
    const url = client.generateAuthUrl({
      scope: ['openid', 'email'],
      state: 's1',
      nonce: 'n1',
      hd: 'firstupconsultants.com',
    });
    const signedIn = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: adminUser().mail, password: adminUser().password }),
    });
    expect(signedIn.status).toBe(302);
    const back = new URL(signedIn.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('s1');
    const { tokens } = await client.getToken(back.searchParams.get('code')!);
    const ticket = await client.verifyIdToken({ idToken: tokens.id_token!, audience: clientId });
    expect(ticket.getPayload()).toMatchObject({
      hd: 'firstupconsultants.com',
      email: adminUser().mail,
      nonce: 'n1',
    });
  });
});
