import type { Browser } from 'playwright-core';
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

/**
 * Who decides that a tenant belongs to an organisation: only an administrator of that tenant,
 * signed in, in the browser that started the flow, after being shown which organisation asks.
 * Each attack below is performed through the public HTTP interfaces.
 */
describe('a tenant joins an organisation only by its own admin’s signed-in word', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let browser: Browser;
  let fabrikamAdmin: ReturnType<typeof apiClient>;
  let japanId: string;
  const attacker = () => adminOf(emulator, 'Fabrikam');

  /** What the attacker's organisation holds and what Contoso Japan's users see. */
  async function japanIsOutsideFabrikam() {
    const listed = await fabrikamAdmin<{ tenants: Array<{ id: string; consent: { state: string } }> }>(
      'GET',
      '/api/admin/tenants',
    );
    const japan = listed.body.tenants.find((t) => t.id === japanId);
    expect(japan?.consent.state ?? 'absent').not.toBe('granted');
    expect((await fabrikamAdmin('GET', `/api/admin/tenants/${japanId}/users`)).body).toMatchObject({
      error: { code: 'tenant_not_found' },
    });
    const japanUser = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso Japan')));
    expect((await japanUser('GET', '/api/me')).body).toMatchObject({ organization: null });
    expect(await app.database.db.collection('tenants').findOne({ _id: japanId as never })).toBeNull();
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 20 });
    app = await startTestApp('ownership', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
    });
    browser = await launchChromium();
    japanId = tenantNamed(emulator, 'Contoso Japan').id;
    // The attacker founds an organisation with their own tenant, the proper way.
    fabrikamAdmin = apiClient(app.url, await userToken(emulator, attacker()));
    const own = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: tenantNamed(emulator, 'Fabrikam').id,
    });
    const founded = await runAdminConsent(browser, own.body.consentUrl, attacker(), 'accept');
    expect(founded.heading).toBe('Consent granted');
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emulator?.stop();
  });

  it('takeover: answering the consent callback with admin_consent=True, for a tenant that consented elsewhere, gains nothing', async () => {
    // Contoso Japan has consented to the app (say, for another organisation), and is in none here.
    await control(emulator, 'PUT', `tenants/${japanId}/consent`, { granted: true });
    const registered = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    expect(registered.status).toBe(201);
    const link = new URL(registered.body.consentUrl);
    const state = link.searchParams.get('flow') ?? link.searchParams.get('state')!;
    const callback = (cookie?: string) =>
      fetch(`${app.url}/auth/consent/callback?admin_consent=True&tenant=${japanId}&state=${state}`, {
        redirect: 'manual',
        headers: cookie ? { cookie } : {},
      });

    // Straight to the callback, without Entra and without the browser that opened the link.
    const direct = await callback();
    expect(direct.status).toBe(400);

    // Opening the link binds it to the attacker's browser; the callback then wants Contoso Japan's admin to sign in.
    const start = await fetch(registered.body.consentUrl, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    expect(start.headers.get('set-cookie')).toMatch(/HttpOnly/);
    const toSignIn = await callback(cookie);
    expect(toSignIn.status).toBe(302);
    const signIn = new URL(toSignIn.headers.get('location')!);
    expect(signIn.pathname).toBe(`/${japanId}/oauth2/v2.0/authorize`);
    // The attacker's own account is not an account of Contoso Japan: Entra issues no code.
    const page = await browser.newPage({ ignoreHTTPSErrors: true });
    await page.goto(signIn.toString());
    await page.fill('#username', attacker().userPrincipalName);
    await page.fill('#password', attacker().password);
    await page.click('#sign-in');
    await page.waitForSelector('[data-testid="error"]');
    expect(await page.textContent('[data-testid="error"]')).toContain('AADSTS50034');
    await page.close();
    // A made-up code is refused too, and the flow is over.
    const forged = await fetch(`${app.url}/auth/consent/signed-in?code=forged&state=${state}`, {
      headers: { cookie },
    });
    expect(await forged.text()).toContain('Consent not granted');
    expect(
      (await fetch(`${app.url}/auth/consent/signed-in?code=again&state=${state}`, { headers: { cookie } }))
        .status,
    ).toBe(400);

    await japanIsOutsideFabrikam();
  });

  it('variant: the tenant’s admin following the genuine link sees who asks for which organisation, and nothing happens unless they confirm', async () => {
    const registered = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    const question = await runAdminConsent(
      browser,
      registered.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'accept',
      { confirm: 'none' },
    );
    expect(question.heading).toBe('Add Contoso Japan to organisation Fabrikam?');
    expect(question.text).toContain(
      `Requested by ${attacker().userPrincipalName} for the organisation Fabrikam`,
    );
    expect(question.text).toContain(`Signed in as ${adminOf(emulator, 'Contoso Japan').userPrincipalName}`);
    await japanIsOutsideFabrikam();

    const again = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    const declined = await runAdminConsent(
      browser,
      again.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'accept',
      { confirm: 'decline' },
    );
    expect(declined.heading).toBe('Consent not granted');
    expect(declined.text).toContain('was not added to Fabrikam');
    await japanIsOutsideFabrikam();
    const audit = await fabrikamAdmin<{ entries: Array<{ action: string }> }>('GET', '/api/admin/audit');
    expect(audit.body.entries.map((e) => e.action)).toContain('tenant.join_declined');
  });

  it('squatting: a request by one organisation blocks no other; the tenant’s admin decides; unconfirmed requests expire', async () => {
    const squat = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    expect(squat.status).toBeLessThan(300);
    // Contoso founds its organisation and asks for its own subsidiary.
    const contosoAdmin = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso')));
    const own = await contosoAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: tenantNamed(emulator, 'Contoso').id,
    });
    await runAdminConsent(browser, own.body.consentUrl, adminOf(emulator, 'Contoso'), 'accept');
    const subsidiary = await contosoAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    expect(subsidiary.status).toBe(201);
    const joined = await runAdminConsent(
      browser,
      subsidiary.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'accept',
    );
    expect(joined.text).toContain('now belongs to the organisation Contoso');
    const japanUser = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso Japan')));
    expect((await japanUser('GET', '/api/me')).body).toMatchObject({ organization: { name: 'Contoso' } });

    // The squatter's link now leads nowhere: the tenant's admin is told who holds it.
    const late = await runAdminConsent(
      browser,
      squat.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'accept',
    );
    expect(late.text).toContain('already belongs to the organisation Contoso');
    expect((await fabrikamAdmin('POST', '/api/admin/tenants', { tenantId: japanId })).body).toMatchObject({
      error: { code: 'tenant_registered_elsewhere' },
    });

    // An unconfirmed request lives as long as its link: once that passes, it is gone from the list.
    const fresh = await fabrikamAdmin<{ consentUrl: string }>('POST', '/api/admin/tenants', {
      tenantId: '0f0f0f0f-0000-4000-8000-00000000abcd',
    });
    const listed = async () =>
      (await fabrikamAdmin<{ tenants: Array<{ id: string }> }>('GET', '/api/admin/tenants')).body.tenants
        .length;
    const before = await listed();
    const past = new Date(Date.now() - 1000);
    await app.database.db
      .collection('tenantRequests')
      .updateMany({ orgId: `org-${tenantNamed(emulator, 'Fabrikam').id}` }, { $set: { expiresAt: past } });
    await app.database.db.collection('consentRequests').updateMany({}, { $set: { expiresAt: past } });
    expect(await listed()).toBeLessThan(before);
    const expired = await fetch(fresh.body.consentUrl);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain('expired');
  });
});
