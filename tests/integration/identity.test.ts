import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { devCerts } from '../../scripts/lib/certs';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { keyCredentialOf, selfSignedCertificate } from '../support/certificate';
import { runAdminConsent } from '../support/consent';
import {
  adminOf,
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';

/**
 * The product in a tenant as Entra sets one up by default — a fresh app registration (v1.0 access
 * tokens, no `wids`, no optional claims), users who may not consent to apps — and in one configured
 * for it (v2.0, `wids`, `acct`): tokens of both versions, admins recognised either way, consent that
 * covers our own API, exact redirect URIs, B2B guests, and a certificate instead of a secret.
 */
describe('identity in a real tenant’s defaults', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let browser: Browser;
  let fabrikamId: string;
  const extraApps: TestApp[] = [];
  const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  const mint = async (body: Record<string, unknown>) =>
    (await control<{ access_token: string }>(emulator, 'POST', 'tokens', body)).access_token;
  const fabrikamUser = (pick: (u: ScenarioUser) => boolean) =>
    tenantNamed(emulator, 'Fabrikam').users.find(pick)!;
  const member = () => fabrikamUser((u) => !u.isAdmin && u.userType !== 'Guest');
  const guest = () => fabrikamUser((u) => u.userType === 'Guest');
  const as = async (user: ScenarioUser) => apiClient(app.url, await userToken(emulator, user));
  const tlsEnv = () => ({
    ...microsoftEnv(emulator),
    TLS_CERT_FILE: devCerts.cert,
    TLS_KEY_FILE: devCerts.key,
  });

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 20 });
    app = await startTestApp('identity', tlsEnv());
    browser = await launchChromium();
    fabrikamId = tenantNamed(emulator, 'Fabrikam').id;
    // Founded by its Global Administrator, who has no app role and whose token has no `wids`.
    const founder = await as(adminOf(emulator, 'Fabrikam'));
    const registered = await founder<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: fabrikamId,
    });
    expect(registered.status).toBe(201);
    const landing = await runAdminConsent(
      browser,
      registered.body.consentUrl,
      adminOf(emulator, 'Fabrikam'),
      'accept',
    );
    expect(landing.heading).toBe('Consent granted');
  });
  afterEach(async () => {
    // Back to the fresh registration.
    await control(emulator, 'PATCH', 'application', {
      api: { requestedAccessTokenVersion: null },
      groupMembershipClaims: null,
      optionalClaims: null,
    });
    for (const user of tenantNamed(emulator, 'Fabrikam').users)
      await control(emulator, 'PUT', `users/${user.id}/app-roles`, { roles: [] });
  });
  afterAll(async () => {
    await browser?.close();
    for (const extra of extraApps) await extra.close();
    await app?.close();
    await emulator?.stop();
  });

  it('accepts the v1.0 tokens a fresh registration gets and the v2.0 ones of a configured one, each only from its own issuer', async () => {
    const user = member();
    const v1Issuer = `https://sts.windows.net/${fabrikamId}/`;
    const minted = await mint({
      tenantId: fabrikamId,
      userId: user.id,
      audience: 'api',
      claims: { ver: '1.0', iss: v1Issuer, aud: `api://${emulator.scenario.app.clientId}` },
    });
    expect((await apiClient(app.url, minted)('GET', '/api/me')).status).toBe(200);
    const v1 = await userToken(emulator, user);
    expect(claims(v1)).toMatchObject({
      ver: '1.0',
      iss: `https://sts.windows.net/${fabrikamId}/`,
      aud: `api://${emulator.scenario.app.clientId}`,
      upn: user.userPrincipalName,
    });
    expect(claims(v1)).not.toHaveProperty('preferred_username');
    const me = await apiClient(app.url, v1)('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { userPrincipalName: user.userPrincipalName },
      organization: { id: `org-${fabrikamId}` },
    });

    const refused = async (token: string) => (await apiClient(app.url, token)('GET', '/api/me')).status;
    const v2Issuer = `${emulator.url}/${fabrikamId}/v2.0`;
    // A v1.0 token claiming the v2.0 issuer, or another tenant's, is not Entra's.
    expect(
      await refused(
        await mint({ tenantId: fabrikamId, userId: user.id, audience: 'api', claims: { iss: v2Issuer } }),
      ),
    ).toBe(401);
    expect(
      await refused(
        await mint({
          tenantId: fabrikamId,
          userId: user.id,
          audience: 'api',
          claims: { iss: `https://sts.windows.net/${tenantNamed(emulator, 'Contoso').id}/` },
        }),
      ),
    ).toBe(401);
    // v1.0 audiences come as the Application ID URI with or without a trailing slash, or the client id.
    for (const aud of [`api://${emulator.scenario.app.clientId}/`, emulator.scenario.app.clientId])
      expect(
        await refused(
          await mint({ tenantId: fabrikamId, userId: user.id, audience: 'api', claims: { aud } }),
        ),
      ).toBe(200);

    await control(emulator, 'PATCH', 'application', { api: { requestedAccessTokenVersion: 2 } });
    const v2 = await userToken(emulator, user);
    expect(claims(v2)).toMatchObject({
      ver: '2.0',
      iss: v2Issuer,
      aud: emulator.scenario.app.clientId,
      preferred_username: user.userPrincipalName,
    });
    expect((await apiClient(app.url, v2)('GET', '/api/me')).status).toBe(200);
    expect(
      await refused(
        await mint({
          tenantId: fabrikamId,
          userId: user.id,
          audience: 'api',
          claims: { iss: `https://sts.windows.net/${fabrikamId}/` },
        }),
      ),
    ).toBe(401);
  });

  it('recognises a Global Administrator without the app role from the directory, from `wids` once the registration asks for it, and the app role', async () => {
    const bare = await mint({
      tenantId: fabrikamId,
      userId: adminOf(emulator, 'Fabrikam').id,
      audience: 'api',
      claims: { wids: null, roles: null },
    });
    expect((await apiClient(app.url, bare)('GET', '/api/admin/tenants')).status).toBe(200);
    const adminToken = await userToken(emulator, adminOf(emulator, 'Fabrikam'));
    expect(claims(adminToken)).not.toHaveProperty('wids');
    expect(claims(adminToken)).not.toHaveProperty('roles');
    const admin = apiClient(app.url, adminToken);
    expect((await admin('GET', '/api/me')).body).toMatchObject({ isAdmin: true, adminUnverified: false });
    expect((await admin('GET', '/api/admin/tenants')).status).toBe(200);
    const user = await as(member());
    expect((await user('GET', '/api/admin/tenants')).body).toMatchObject({
      error: { code: 'admin_required' },
    });

    await control(emulator, 'PATCH', 'application', { groupMembershipClaims: 'DirectoryRole' });
    const withWids = await userToken(emulator, adminOf(emulator, 'Fabrikam'));
    expect(claims(withWids).wids).toEqual(['62e90394-69f5-4237-9190-012177145e10']);
    expect((await apiClient(app.url, withWids)('GET', '/api/admin/tenants')).status).toBe(200);

    await control(emulator, 'PUT', `users/${member().id}/app-roles`, { roles: ['SmartActivity.Admin'] });
    const withRole = await userToken(emulator, member());
    expect(claims(withRole).roles).toEqual(['SmartActivity.Admin']);
    expect((await apiClient(app.url, withRole)('GET', '/api/admin/tenants')).status).toBe(200);
  });

  it('users of a tenant that restricts user consent can sign in only once its admin consented, which covers our API (pages in the admin’s language)', async () => {
    const japan = tenantNamed(emulator, 'Contoso Japan');
    const someone = japan.users.find((u) => !u.isAdmin)!;
    const passwordGrant = () =>
      fetch(`${emulator.url}/${japan.id}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'password',
          client_id: emulator.scenario.app.clientId,
          scope: emulator.scenario.app.apiScope,
          username: someone.userPrincipalName,
          password: someone.password,
        }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { error_description?: string; access_token?: string },
      }));
    const before = await passwordGrant();
    expect(before.status).toBe(400);
    expect(before.body.error_description).toMatch(
      /^AADSTS65001: The user or administrator has not consented/,
    );
    await expect(userToken(emulator, someone)).rejects.toThrow(/Need admin approval/);

    // Its admin founds their organisation, in Japanese: the confirmation and the result speak it.
    const japanAdmin = await as(adminOf(emulator, 'Contoso Japan'));
    const registered = await japanAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japan.id,
    });
    const url = new URL(registered.body.consentUrl);
    url.searchParams.set('ui_locales', 'ja-JP');
    const question = await runAdminConsent(
      browser,
      url.toString(),
      adminOf(emulator, 'Contoso Japan'),
      'accept',
      { confirm: 'none' },
    );
    expect(question.heading).toBe('Contoso Japan を組織 Contoso Japan に追加しますか?');
    const again = await japanAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japan.id,
    });
    const landing = await runAdminConsent(
      browser,
      again.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'accept',
      { locale: 'ja-JP' },
    );
    expect(landing.heading).toBe('同意が完了しました');
    expect(landing.text).toContain('Contoso Japan は組織 Contoso Japan に属するようになりました。');

    const after = await passwordGrant();
    expect(after.status).toBe(200);
    expect(claims(after.body.access_token!).scp).toBe('access_as_user');
    expect((await apiClient(app.url, after.body.access_token!)('GET', '/api/me')).body).toMatchObject({
      organization: { name: 'Contoso Japan' },
    });
  });

  it('admin consent covers our API only because the registration lists it among its required permissions', async () => {
    const contoso = tenantNamed(emulator, 'Contoso');
    const registration = await control<{ requiredResourceAccess: Array<{ resourceAppId: string }> }>(
      emulator,
      'GET',
      'application',
    );
    await control(emulator, 'PATCH', 'application', {
      requiredResourceAccess: registration.requiredResourceAccess.filter(
        (r) => r.resourceAppId !== emulator.scenario.app.clientId,
      ),
    });
    try {
      await control(emulator, 'PUT', `tenants/${contoso.id}/consent`, { granted: true });
      const someone = contoso.users.find((u) => !u.isAdmin && !u.plantedError)!;
      await expect(userToken(emulator, someone)).rejects.toThrow(/Need admin approval/);
    } finally {
      await control(emulator, 'PATCH', 'application', {
        requiredResourceAccess: registration.requiredResourceAccess,
      });
      await control(emulator, 'PUT', `tenants/${contoso.id}/consent`, { granted: false });
    }
  });

  it('redirect URIs must match the registration exactly, also for localhost', async () => {
    const wrong = await fetch(
      `${emulator.url}/${fabrikamId}/v2.0/adminconsent?${new URLSearchParams({
        client_id: emulator.scenario.app.clientId,
        scope: 'https://graph.microsoft.com/.default',
        redirect_uri: 'https://localhost:3000/some/other/callback',
        state: 'x',
      })}`,
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('AADSTS50011');

    // A service configured with a public URL the registration does not name fails at Entra, as in production.
    const misconfigured = await startTestApp('redirect', {
      ...tlsEnv(),
      PUBLIC_URL: 'https://127.0.0.1:4443',
    });
    extraApps.push(misconfigured);
    const founder = apiClient(misconfigured.url, await userToken(emulator, adminOf(emulator, 'Fabrikam')));
    const registered = await founder<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: fabrikamId,
    });
    const link = new URL(registered.body.consentUrl);
    const page = await browser.newPage({ ignoreHTTPSErrors: true });
    await page.goto(`${misconfigured.url}${link.pathname}${link.search}`);
    expect(await page.textContent('[data-testid="error-code"]')).toContain('AADSTS50011');
    await page.close();
  });

  it('refuses B2B guests (from `acct`, or the directory where the token does not say) unless the organisation allows them', async () => {
    const flagged = await mint({
      tenantId: fabrikamId,
      userId: member().id,
      audience: 'api',
      claims: { acct: 1 },
    });
    expect(
      (await apiClient(app.url, flagged)('GET', '/api/contacts?emails=someone@example.com')).body,
    ).toMatchObject({
      error: { code: 'guest_not_allowed' },
    });
    const visitor = guest();
    expect(visitor.userPrincipalName).toMatch(/#EXT#@fabrikam\.onmicrosoft\.com$/);
    const token = await userToken(emulator, visitor);
    expect(claims(token)).not.toHaveProperty('acct');
    const asGuest = apiClient(app.url, token);
    expect((await asGuest('GET', '/api/me')).body).toMatchObject({
      user: { guest: true },
      tenant: { registered: true },
      organization: null,
    });
    expect((await asGuest('GET', '/api/contacts?emails=someone@example.com')).body).toMatchObject({
      error: { code: 'guest_not_allowed' },
    });
    const asMember = await as(member());
    expect((await asMember('GET', '/api/contacts?emails=someone@example.com')).status).toBe(200);

    await control(emulator, 'PATCH', 'application', { optionalClaims: { accessToken: [{ name: 'acct' }] } });
    const withAcct = await userToken(emulator, visitor);
    expect(claims(withAcct).acct).toBe(1);
    expect(
      (await apiClient(app.url, withAcct)('GET', '/api/contacts?emails=someone@example.com')).status,
    ).toBe(403);

    const admin = await as(adminOf(emulator, 'Fabrikam'));
    expect((await admin('PUT', '/api/admin/settings', { allowGuests: true })).body).toMatchObject({
      allowGuests: true,
    });
    expect(
      (await apiClient(app.url, withAcct)('GET', '/api/contacts?emails=someone@example.com')).status,
    ).toBe(200);
    await admin('PUT', '/api/admin/settings', { allowGuests: false });
  });

  it('works with a certificate instead of a client secret', async () => {
    const certificate = selfSignedCertificate();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-cert-'));
    writeFileSync(path.join(dir, 'app.pem'), certificate.certificatePem);
    writeFileSync(path.join(dir, 'app-key.pem'), certificate.privateKeyPem);
    await control(emulator, 'PATCH', 'application', { keyCredentials: [keyCredentialOf(certificate)] });
    const withCertificate = await startTestApp('certificate', {
      ...tlsEnv(),
      ENTRA_CLIENT_SECRET: '',
      ENTRA_CLIENT_CERTIFICATE_FILE: path.join(dir, 'app.pem'),
      ENTRA_CLIENT_CERTIFICATE_KEY_FILE: path.join(dir, 'app-key.pem'),
    });
    extraApps.push(withCertificate);
    expect(withCertificate.config.microsoft.credential.kind).toBe('certificate');
    // The whole founding flow: app-only Graph calls and the confirming sign-in's code redemption.
    const founder = apiClient(withCertificate.url, await userToken(emulator, adminOf(emulator, 'Contoso')));
    const contosoId = tenantNamed(emulator, 'Contoso').id;
    const registered = await founder<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: contosoId,
    });
    const landing = await runAdminConsent(
      browser,
      registered.body.consentUrl,
      adminOf(emulator, 'Contoso'),
      'accept',
    );
    expect(landing.heading).toBe('Consent granted');
    const users = await founder<{ users: unknown[] }>('GET', `/api/admin/tenants/${contosoId}/users`);
    expect(users.status).toBe(200);
    expect(users.body.users.length).toBeGreaterThan(5);
  });
});
