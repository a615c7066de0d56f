import { generateKeyPair, SignJWT } from 'jose';
import { devCerts } from '../../scripts/lib/certs';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { runAdminConsent } from '../support/consent';
import {
  adminOf,
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';

/**
 * Who may do what: token validation, admin-only routes, isolation between organisations (the
 * organisation always follows from the token's tenant), and hostile input. Every refusal is a
 * 4xx `{error:{code,message}}` and changes nothing.
 */
describe('security', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let contosoId: string;
  let fabrikamId: string;
  let contosoAdminToken: string;
  let contosoAdmin: ReturnType<typeof apiClient>;
  let fabrikamAdmin: ReturnType<typeof apiClient>;
  let knownExternal: string;

  const mint = async (body: Record<string, unknown>) =>
    (await control<{ access_token: string }>(emulator, 'POST', 'tokens', body)).access_token;
  const snapshot = async () => {
    const db = app.database.db;
    const out: Record<string, unknown[]> = {};
    for (const name of ['organizations', 'tenants', 'integrations', 'contactPoints', 'contacts']) {
      out[name] = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    }
    return JSON.stringify(out);
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 40 });
    app = await startTestApp('security', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
    });
    contosoId = tenantNamed(emulator, 'Contoso').id;
    fabrikamId = tenantNamed(emulator, 'Fabrikam').id;
    const browser = await launchChromium();
    try {
      contosoAdmin = await connectOrganization(app, emulator, ['Contoso'], { browser });
      contosoAdminToken = await userToken(emulator, adminOf(emulator, 'Contoso'));
      // A second, unrelated customer.
      fabrikamAdmin = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Fabrikam')));
      const registered = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
        tenantId: fabrikamId,
      });
      await runAdminConsent(browser, registered.body.consentUrl, adminOf(emulator, 'Fabrikam'), 'accept');
    } finally {
      await browser.close();
    }
    const owner = tenantNamed(emulator, 'Contoso').users.find((u) => !u.plantedError && !u.isAdmin)!;
    await contosoAdmin('POST', `/api/admin/tenants/${contosoId}/integrations`, {
      userIds: [owner.id],
      acknowledgeNoDeletion: true,
    });
    await syncUntil(
      app,
      async () =>
        (await app.database.db.collection('integrations').findOne({ userId: owner.id }))?.status === 'active',
    );
    knownExternal = (await app.database.db.collection('contacts').findOne({}))!.email as string;
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  describe('token validation on every /api route', () => {
    const expectRefused = async (token: string | undefined, code: string, message?: RegExp) => {
      for (const path of [
        '/api/me',
        `/api/contacts?emails=${knownExternal}`,
        `/api/search?q=${encodeURIComponent(knownExternal)}`,
        '/api/admin/tenants',
      ]) {
        const res = await apiClient(app.url, token)('GET', path);
        expect({
          path,
          status: res.status,
          code: (res.body as { error?: { code: string } }).error?.code,
        }).toEqual({ path, status: 401, code });
        if (message) expect((res.body as { error: { message: string } }).error.message).toMatch(message);
      }
    };

    it('refuses a request without a token', () => expectRefused(undefined, 'missing_token'));

    it('refuses an expired token', async () => {
      const user = adminOf(emulator, 'Contoso');
      await expectRefused(
        await mint({ tenantId: contosoId, userId: user.id, audience: 'api', expiresInSeconds: -600 }),
        'token_expired',
      );
    });

    it('refuses a token for another audience (a Graph token)', async () => {
      await expectRefused(
        await userToken(emulator, adminOf(emulator, 'Contoso'), 'https://graph.microsoft.com/User.Read'),
        'invalid_token',
        /not for this API/,
      );
    });

    it('refuses a token from another issuer', async () => {
      const user = adminOf(emulator, 'Contoso');
      const token = await mint({
        tenantId: contosoId,
        userId: user.id,
        audience: 'api',
        claims: { iss: `https://login.example.net/${contosoId}/v2.0` },
      });
      await expectRefused(token, 'invalid_token', /not issued by the configured authority/);
    });

    it('refuses an unsigned token (alg: none)', async () => {
      const [, payload] = contosoAdminToken.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      await expectRefused(`${header}.${payload}.`, 'invalid_token', /none/);
    });

    it('refuses a token signed with a key Entra never published', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const claims = JSON.parse(Buffer.from(contosoAdminToken.split('.')[1]!, 'base64url').toString());
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'not-a-published-key' })
        .sign(privateKey);
      await expectRefused(forged, 'invalid_token', /unknown key/);
    });

    it('refuses a tampered token (payload changed, signature kept)', async () => {
      const [header, payload, signature] = contosoAdminToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      claims.roles = ['SmartActivity.Admin', 'Anything'];
      await expectRefused(
        `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`,
        'invalid_token',
      );
    });
  });

  describe('roles and organisations', () => {
    it('lets a user of an unregistered tenant call only /api/me', async () => {
      // Contoso Japan is not part of any organisation here; its users may consent to apps themselves.
      await control(emulator, 'PUT', `tenants/${tenantNamed(emulator, 'Contoso Japan').id}/user-consent`, {
        allowed: true,
      });
      const stranger = apiClient(
        app.url,
        await userToken(
          emulator,
          tenantNamed(emulator, 'Contoso Japan').users.find((u) => !u.isAdmin)!,
        ),
      );
      expect((await stranger('GET', '/api/me')).body).toMatchObject({
        tenant: { registered: false },
        organization: null,
      });
      const contacts = await stranger('GET', `/api/contacts?emails=${knownExternal}`);
      expect(contacts.status).toBe(403);
      expect(contacts.body).toMatchObject({ error: { code: 'tenant_not_registered' } });
    });

    it('keeps non-admins out of admin routes', async () => {
      const colleague = apiClient(
        app.url,
        await userToken(
          emulator,
          tenantNamed(emulator, 'Contoso').users.find((u) => !u.isAdmin && !u.plantedError)!,
        ),
      );
      const before = await snapshot();
      for (const [method, path, body] of [
        ['GET', '/api/admin/tenants'],
        ['POST', '/api/admin/tenants', { tenantId: contosoId }],
        ['PUT', '/api/admin/activity-management', { enabled: false }],
        ['PUT', '/api/admin/settings', { showEmailActivities: false }],
        ['GET', '/api/admin/audit'],
      ] as const) {
        const res = await colleague(method, path, body);
        expect({ path, status: res.status, body: res.body }).toEqual({
          path,
          status: 403,
          body: { error: expect.objectContaining({ code: 'admin_required', message: expect.any(String) }) },
        });
      }
      expect(await snapshot()).toBe(before);
      // …while they do see the organisation's contacts.
      const contacts = await colleague<{ contacts: Array<{ known: boolean }> }>(
        'GET',
        `/api/contacts?emails=${knownExternal}`,
      );
      expect(contacts.body.contacts[0]!.known).toBe(true);
    });

    it("keeps another organisation's admin out of this organisation's tenants, users, integrations and settings", async () => {
      const before = await snapshot();
      const contosoUser = tenantNamed(emulator, 'Contoso').users.find((u) => !u.isAdmin)!;
      const attempts: Array<[string, string, unknown?]> = [
        ['GET', `/api/admin/tenants/${contosoId}`],
        ['GET', `/api/admin/tenants/${contosoId}/users`],
        [
          'POST',
          `/api/admin/tenants/${contosoId}/integrations`,
          { userIds: [contosoUser.id], acknowledgeNoDeletion: true },
        ],
        ['POST', `/api/admin/tenants/${contosoId}/integrations/${contosoUser.id}/unlink`],
        ['POST', `/api/admin/tenants/${contosoId}/integrations/${contosoUser.id}/retry`],
      ];
      for (const [method, path, body] of attempts) {
        const res = await fabrikamAdmin(method, path, body);
        expect({
          path,
          status: res.status,
          code: (res.body as { error?: { code: string } }).error?.code,
        }).toEqual({ path, status: 404, code: 'tenant_not_found' });
      }
      const steal = await fabrikamAdmin('POST', '/api/admin/tenants', { tenantId: contosoId });
      expect(steal.status).toBe(409);
      expect(steal.body).toMatchObject({ error: { code: 'tenant_registered_elsewhere' } });
      // Their own settings and lists only ever touch their own organisation.
      expect((await fabrikamAdmin('PUT', '/api/admin/settings', { showEmailActivities: false })).status).toBe(
        200,
      );
      expect(
        (await fabrikamAdmin<{ integrations: unknown[] }>('GET', '/api/admin/integrations')).body
          .integrations,
      ).toEqual([]);
      expect(
        (
          await fabrikamAdmin<{ tenants: Array<{ id: string }> }>('GET', '/api/admin/tenants')
        ).body.tenants.map((t) => t.id),
      ).toEqual([fabrikamId]);
      const after = JSON.parse(await snapshot());
      const contosoOrg = after.organizations.find((o: { _id: string }) => o._id === `org-${contosoId}`);
      expect(contosoOrg.settings.showEmailActivities).toBe(true);
      expect(JSON.stringify(after.integrations)).toBe(JSON.stringify(JSON.parse(before).integrations));
    });

    it("never shows one organisation's contact points to another", async () => {
      const fabrikamUser = apiClient(
        app.url,
        await userToken(
          emulator,
          tenantNamed(emulator, 'Fabrikam').users.find((u) => !u.isAdmin)!,
        ),
      );
      await fabrikamAdmin('PUT', '/api/admin/settings', { showEmailActivities: true });
      const res = await fabrikamUser<{
        contacts: Array<{ known: boolean; totals: { sent: number; received: number } }>;
      }>('GET', `/api/contacts?emails=${knownExternal}`);
      expect(res.status).toBe(200);
      expect(res.body.contacts[0]).toMatchObject({ known: false, totals: { sent: 0, received: 0 } });
      const history = await fabrikamUser<{ items: unknown[] }>(
        'GET',
        `/api/contacts/${knownExternal}/contact-points`,
      );
      expect(history.body.items).toEqual([]);
    });
  });

  describe('hostile input', () => {
    it('refuses MongoDB operator objects in JSON bodies and query strings with 400, changing nothing', async () => {
      const before = await snapshot();
      const cases: Array<[string, string, unknown?]> = [
        ['POST', '/api/admin/tenants', { tenantId: { $ne: null } }],
        ['PUT', '/api/admin/settings', { excludedDomains: [{ $gt: '' }] }],
        ['PUT', '/api/admin/settings', { $set: { 'settings.showEmailActivities': false } }],
        [
          'POST',
          `/api/admin/tenants/${contosoId}/integrations`,
          { userIds: { $in: [] }, acknowledgeNoDeletion: true },
        ],
        ['GET', '/api/contacts?emails[$ne]=x'],
        ['GET', '/api/admin/integrations?status[$ne]=active'],
        ['GET', `/api/admin/tenants/${contosoId}/users?search[$regex]=.*`],
      ];
      for (const [method, path, body] of cases) {
        const res = await contosoAdmin(method, path, body);
        expect({
          path,
          status: res.status,
          hasCode: typeof (res.body as { error?: { code?: unknown } }).error?.code,
        }).toEqual({ path, status: 400, hasCode: 'string' });
      }
      expect(await snapshot()).toBe(before);
    });

    it('refuses oversized bodies with 413', async () => {
      const res = await contosoAdmin('PUT', '/api/admin/settings', {
        excludedAddresses: Array.from({ length: 20000 }, (_, i) => `p${i}@example.com`),
      });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ error: { code: 'payload_too_large' } });
    });

    it('refuses malformed GUIDs, emails and domains with 400', async () => {
      const cases: Array<[string, string, unknown?, string?]> = [
        ['POST', '/api/admin/tenants', { tenantId: 'contoso' }, 'invalid_request'],
        ['GET', '/api/admin/tenants/not-a-guid', undefined, 'invalid_tenantId'],
        ['POST', `/api/admin/tenants/${contosoId}/integrations/123/unlink`, undefined, 'invalid_userId'],
        [
          'POST',
          `/api/admin/tenants/${contosoId}/integrations`,
          { userIds: ['x'], acknowledgeNoDeletion: true },
          'invalid_request',
        ],
        ['GET', '/api/contacts?emails=not-an-email', undefined, 'invalid_request'],
        [
          'GET',
          `/api/contacts?emails=${Array.from({ length: 51 }, (_, i) => `p${i}@example.com`).join(',')}`,
          undefined,
          'invalid_request',
        ],
        ['GET', '/api/contacts/nobody/contact-points', undefined, 'invalid_request'],
        ['GET', '/api/companies/not_a_domain', undefined, 'invalid_request'],
        ['GET', `/api/contacts/${knownExternal}/contact-points?cursor=%%%`, undefined, 'invalid_cursor'],
      ];
      for (const [method, path, body, code] of cases) {
        const res = await contosoAdmin(method, path, body);
        expect({
          path,
          status: res.status,
          code: (res.body as { error?: { code: string } }).error?.code,
        }).toEqual({ path, status: 400, code });
      }
    });
  });
});
