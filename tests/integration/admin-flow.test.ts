import type { Browser } from 'playwright-core';
import { devCerts } from '../../scripts/lib/certs';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium } from '../support/browser';
import { consentInPage, runAdminConsent } from '../support/consent';
import {
  adminOf,
  control,
  microsoftEnv,
  plantedUser,
  startTestEmulator,
  tenantNamed,
  userToken,
  type TestEmulator,
} from '../support/emulator';
import { emailsFrom } from '../support/mailpit';
import { syncUntil } from '../support/sync';

/**
 * The administrator's whole journey against the emulated company group: register both tenants,
 * consent to each in the browser, enable (an email goes to the admin), start users in bulk and one
 * at a time, watch the planted error users reach their statuses, unlink, change settings, read the audit.
 */
describe('admin flow with a company group of two tenants', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let browser: Browser;
  let admin: ReturnType<typeof apiClient>;
  let japanAdmin: ReturnType<typeof apiClient>;
  let contosoId: string;
  let japanId: string;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 40 });
    app = await startTestApp('adminflow', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_RETRY_ATTEMPTS: '2',
      SYNC_RETRY_MIN_SPAN_MINUTES: '0',
      SYNC_RETRY_BASE_SECONDS: '0.05',
      SYNC_MAX_THROTTLE_WAIT_SECONDS: '2',
      SYNC_LEASE_SECONDS: '5',
    });
    browser = await launchChromium();
    contosoId = tenantNamed(emulator, 'Contoso').id;
    japanId = tenantNamed(emulator, 'Contoso Japan').id;
    admin = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso')));
    japanAdmin = apiClient(app.url, await userToken(emulator, adminOf(emulator, 'Contoso Japan')));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emulator?.stop();
  });

  it('an admin of an unregistered tenant is known but belongs to no organisation yet', async () => {
    const me = await admin('GET', '/api/me');
    expect(me.status).toBe(200);
    // A fresh registration's token has no `wids`, and before consent the directory cannot be asked.
    expect(me.body).toMatchObject({
      isAdmin: false,
      adminUnverified: true,
      tenant: { id: contosoId, registered: false },
      organization: null,
      integration: null,
    });
    expect((await admin('GET', '/api/admin/tenants')).body).toMatchObject({
      error: { code: 'admin_unverified' },
    });
  });

  it('registers the own tenant (founding the organisation): consent, the confirming sign-in and the confirmation in the browser', async () => {
    const registered = await admin('POST', '/api/admin/tenants', { tenantId: contosoId.toUpperCase() });
    expect(registered.status).toBe(201);
    // The link is our own page (Office dialogs start on the add-in's domain); it leads to Entra.
    const consentUrl = new URL((registered.body as { consentUrl: string }).consentUrl);
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(`${app.url}/auth/consent/start`);
    // Nothing is decided before the confirmation: the founder is not a member yet.
    expect((await admin('GET', '/api/me')).body).toMatchObject({ organization: null });

    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const visited: URL[] = [];
    page.on('request', (r) => visited.push(new URL(r.url())));
    let callbackUrl = '';
    page.on('response', (r) => {
      if (r.url().includes('/auth/consent/callback')) callbackUrl = r.url();
    });
    const landing = await consentInPage(page, consentUrl.toString(), adminOf(emulator, 'Contoso'), 'accept');
    await context.close();
    expect(landing).toMatchObject({
      status: 200,
      heading: 'Consent granted',
      text: expect.stringContaining('now belongs to the organisation Contoso'),
    });
    const adminConsent = visited.find((u) => u.pathname.endsWith('/adminconsent'))!;
    expect(`${adminConsent.origin}${adminConsent.pathname}`).toBe(
      `${emulator.url}/${contosoId}/v2.0/adminconsent`,
    );
    expect(adminConsent.searchParams.get('redirect_uri')).toBe(`${app.url}/auth/consent/callback`);
    expect(adminConsent.searchParams.get('client_id')).toBe(emulator.scenario.app.clientId);
    // The confirming sign-in: code + PKCE against the tenant itself.
    const signIn = visited.find((u) => u.pathname.endsWith('/oauth2/v2.0/authorize'))!;
    expect(signIn.pathname).toBe(`/${contosoId}/oauth2/v2.0/authorize`);
    expect(signIn.searchParams.get('code_challenge_method')).toBe('S256');
    expect(signIn.searchParams.get('redirect_uri')).toBe(`${app.url}/auth/consent/signed-in`);

    const tenants = await admin<{ tenants: Array<Record<string, unknown>> }>('GET', '/api/admin/tenants');
    expect(tenants.body.tenants).toEqual([
      expect.objectContaining({
        id: contosoId,
        displayName: 'Contoso',
        consent: expect.objectContaining({ state: 'granted' }),
        verifiedDomains: expect.arrayContaining(['contoso.com']),
        confirmedBy: adminOf(emulator, 'Contoso').userPrincipalName,
      }),
    ]);
    const me = await admin('GET', '/api/me');
    expect(me.body).toMatchObject({ organization: { name: 'Contoso', activityManagementEnabled: false } });

    // The same answer again (a replayed state) and a state we never issued are both refused.
    const replay = await fetch(callbackUrl);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('already used');
    const foreign = new URL(callbackUrl);
    foreign.searchParams.set('state', 'A'.repeat(43));
    expect((await fetch(foreign)).status).toBe(400);
  });

  it('adds the group company tenant: Cancel marks it denied even though admin_consent=True came along; Accept then grants it', async () => {
    const first = await admin<{ consentUrl: string }>('POST', '/api/admin/tenants', { tenantId: japanId });
    expect(first.status).toBe(201);
    const cancelled = await runAdminConsent(
      browser,
      first.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'cancel',
    );
    expect(new URL(cancelled.url).searchParams.get('admin_consent')).toBe('True');
    expect(cancelled.heading).toBe('Consent not granted');
    const denied = await admin('GET', `/api/admin/tenants/${japanId}`);
    expect(denied.body).toMatchObject({
      consent: { state: 'denied', error: expect.stringContaining('AADSTS65004') },
    });

    const again = await admin<{ consentUrl: string; created: boolean }>('POST', '/api/admin/tenants', {
      tenantId: japanId,
    });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    const accepted = await runAdminConsent(
      browser,
      again.body.consentUrl,
      adminOf(emulator, 'Contoso Japan'),
      'accept',
    );
    expect(accepted.heading).toBe('Consent granted');
    expect((await admin('GET', `/api/admin/tenants/${japanId}`)).body).toMatchObject({
      consent: { state: 'granted', error: null },
      verifiedDomains: expect.arrayContaining(['contoso.co.jp']),
    });
    // Users of the group company now belong to the organisation too.
    expect((await japanAdmin('GET', '/api/me')).body).toMatchObject({
      tenant: { registered: true },
      organization: { name: 'Contoso' },
    });
  });

  it('refuses to start users before Smart Activity Management is enabled', async () => {
    const someone = tenantNamed(emulator, 'Contoso').users.find((u) => !u.isAdmin && !u.plantedError)!;
    const res = await admin('POST', `/api/admin/tenants/${contosoId}/integrations`, {
      userIds: [someone.id],
      acknowledgeNoDeletion: true,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'activity_management_disabled' } });
  });

  it('enabling sends the admin a notification email in their language, once, through the mail relay and not through Graph', async () => {
    const enabled = await admin('PUT', '/api/admin/activity-management', { enabled: true });
    expect(enabled.status).toBe(200);
    const adminUser = adminOf(emulator, 'Contoso');
    expect(enabled.body).toMatchObject({
      enabled: true,
      changed: true,
      notification: { sentTo: adminUser.mail, error: null },
    });
    expect((await admin('PUT', '/api/admin/activity-management', { enabled: true })).body).toMatchObject({
      changed: false,
      notification: null,
    });

    const sender = app.config.mail!.from;
    const received = await emailsFrom(sender);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      subject: 'Smart Activity Management is now enabled',
      to: [adminUser.mail],
      from: expect.stringMatching(/@tests\.invalid$/),
    });
    expect(received[0]!.text).toContain('Smart Activity Management was enabled for Contoso');
    // Nothing went out through a customer's mailbox.
    expect(await control<{ value: unknown[] }>(emulator, 'GET', 'sent-mail')).toEqual({ value: [] });

    // The Japanese group company's admin switches it off and on again: the email is in Japanese.
    expect(
      (await japanAdmin('PUT', '/api/admin/activity-management', { enabled: false })).body,
    ).toMatchObject({ changed: true, notification: null });
    await japanAdmin('PUT', '/api/admin/activity-management', { enabled: true });
    const all = await emailsFrom(sender);
    expect(all).toHaveLength(2);
    expect(all[1]!.subject).toBe('Smart Activity Management が有効になりました');
    expect(all[1]!.headers['Content-Language']).toEqual(['ja']);
  });

  it('lists the directory with search and paging, merged with integration status', async () => {
    const page = await admin<{
      users: Array<{ id: string; displayName: string; integration: unknown }>;
      nextCursor: string | null;
    }>('GET', `/api/admin/tenants/${contosoId}/users`);
    expect(page.status).toBe(200);
    const directory = tenantNamed(emulator, 'Contoso').users;
    expect(page.body.users.length).toBe(Math.min(directory.length, 25));
    expect(page.body.users.every((u) => u.integration === null)).toBe(true);

    const first = directory[0]!;
    const searched = await admin<{ users: Array<{ id: string }> }>(
      'GET',
      `/api/admin/tenants/${contosoId}/users?search=${encodeURIComponent(first.displayName.slice(0, 4))}`,
    );
    expect(searched.body.users.map((u) => u.id)).toContain(first.id);
    expect(searched.body.users.length).toBeLessThan(directory.length);

    expect((await admin('GET', `/api/admin/tenants/${contosoId}/users?cursor=not-a-cursor`)).status).toBe(
      400,
    );
  });

  it('starts users in bulk (only with the no-deletion acknowledgement) and idempotently', async () => {
    // Every member; the one without a licence is started on purpose (confirmUnlicensed).
    const users = tenantNamed(emulator, 'Contoso').users.filter((u) => u.userType === 'Member');
    const ids = users.map((u) => u.id);
    const refused = await admin('POST', `/api/admin/tenants/${contosoId}/integrations`, { userIds: ids });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('cannot be deleted') },
    });

    const started = await admin<{ results: Array<{ userId: string; outcome: string }> }>(
      'POST',
      `/api/admin/tenants/${contosoId}/integrations`,
      {
        userIds: ids,
        acknowledgeNoDeletion: true,
        confirmUnlicensed: true,
      },
    );
    expect(started.status).toBe(200);
    expect(started.body.results.map((r) => r.outcome)).toEqual(ids.map(() => 'started'));
    const again = await admin<{ results: Array<{ outcome: string }> }>(
      'POST',
      `/api/admin/tenants/${contosoId}/integrations`,
      {
        userIds: ids,
        acknowledgeNoDeletion: true,
        confirmUnlicensed: true,
      },
    );
    expect(again.body.results.map((r) => r.outcome)).toEqual(ids.map(() => 'already_started'));

    const unknown = await admin<{ results: Array<{ outcome: string }> }>(
      'POST',
      `/api/admin/tenants/${contosoId}/integrations`,
      {
        userIds: ['0f0f0f0f-0000-4000-8000-000000000000'],
        acknowledgeNoDeletion: true,
      },
    );
    expect(unknown.body.results[0]!.outcome).toBe('not_found');
  });

  it('starts one user of the group company on its own', async () => {
    const japanese = tenantNamed(emulator, 'Contoso Japan').users.find((u) => !u.plantedError)!;
    const res = await admin('POST', `/api/admin/tenants/${japanId}/integrations/${japanese.id}/start`, {
      acknowledgeNoDeletion: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      outcome: 'started',
      integration: { status: 'queued', userPrincipalName: japanese.userPrincipalName },
    });
  });

  it('each planted error user ends in its documented status, with the Graph code kept', async () => {
    const expected: Record<string, { status: string; graphCode: string; action: string }> = {
      'no-mailbox': {
        status: 'authentication_error',
        graphCode: 'MailboxNotEnabledForRESTAPI',
        action: 'assign_exchange_license',
      },
      'deleted-user': {
        status: 'authentication_error',
        graphCode: 'Request_ResourceNotFound',
        action: 'check_user_exists',
      },
      'access-denied': {
        status: 'unauthorized',
        graphCode: 'ErrorAccessDenied',
        action: 'check_application_access_policy',
      },
      'mail-read-denied': {
        status: 'unauthorized',
        graphCode: 'ErrorAccessDenied',
        action: 'grant_mail_read_permission',
      },
      'persistent-failure': {
        status: 'linkage_error',
        graphCode: expect.any(String),
        action: 'retry_later_or_contact_support',
      },
    };
    type View = {
      userId: string;
      status: string;
      lastError: { graphCode: string; action: string; message: string } | null;
    };
    const statuses = async () =>
      (await admin<{ integrations: View[] }>('GET', '/api/admin/integrations')).body.integrations;
    await syncUntil(
      app,
      async () => {
        const all = await statuses();
        return (
          all.length > 0 &&
          all.every((i) =>
            ['active', 'authentication_error', 'unauthorized', 'linkage_error'].includes(i.status),
          )
        );
      },
      { timeoutMs: 90_000, workers: 2 },
    );
    const all = await statuses();
    for (const [planted, want] of Object.entries(expected)) {
      const user = plantedUser(emulator, planted);
      const integration = all.find((i) => i.userId === user.id);
      expect({
        planted,
        status: integration?.status,
        graphCode: integration?.lastError?.graphCode,
        action: integration?.lastError?.action,
      }).toEqual({
        planted,
        ...want,
      });
    }
    const healthy = all.filter(
      (i) => !Object.keys(expected).some((p) => plantedUser(emulator, p).id === i.userId),
    );
    expect(healthy.every((i) => i.status === 'active' && i.lastError === null)).toBe(true);

    const filtered = await admin<{ integrations: View[] }>(
      'GET',
      '/api/admin/integrations?status=unauthorized',
    );
    expect(filtered.body.integrations.map((i) => i.userId).sort()).toEqual(
      [plantedUser(emulator, 'access-denied').id, plantedUser(emulator, 'mail-read-denied').id].sort(),
    );
  });

  it('unlinking stops a user but keeps their contact points; starting again restarts them', async () => {
    const user = tenantNamed(emulator, 'Contoso').users.find((u) => !u.plantedError && !u.isAdmin)!;
    const points = () => app.database.db.collection('contactPoints').countDocuments({ userId: user.id });
    const before = await points();
    expect(before).toBeGreaterThan(0);
    const unlinked = await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${user.id}/unlink`);
    expect(unlinked.body).toMatchObject({ status: 'unlinked', counts: { contactPoints: before } });
    expect(await points()).toBe(before);
    expect(
      await app.database.db
        .collection('syncJobs')
        .countDocuments({ _id: `${contosoId}|${user.id}` as never }),
    ).toBe(0);
    expect(
      (await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${user.id}/retry`)).status,
    ).toBe(409);
    const restarted = await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${user.id}/start`, {
      acknowledgeNoDeletion: true,
    });
    expect(restarted.body).toMatchObject({ outcome: 'restarted', integration: { status: 'queued' } });
  });

  it('changes settings with validation and records everything in the audit log', async () => {
    const bad = await admin('PUT', '/api/admin/settings', { backfillDays: 0 });
    expect(bad.status).toBe(400);
    const unknownField = await admin('PUT', '/api/admin/settings', {
      showEmailActivities: false,
      deleteEverything: true,
    });
    expect(unknownField.status).toBe(400);
    const changed = await admin('PUT', '/api/admin/settings', {
      subjectVisibility: 'hidden',
      excludedDomains: ['Partner.example.COM'],
      backfillDays: 90,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      subjectVisibility: 'hidden',
      excludedDomains: ['partner.example.com'],
      backfillDays: 90,
      showEmailActivities: true,
    });

    const audit = await admin<{ entries: Array<{ action: string; actor: { userPrincipalName: string } }> }>(
      'GET',
      '/api/admin/audit',
    );
    const actions = audit.body.entries.map((e) => e.action);
    for (const action of [
      'tenant.registered',
      'tenant.joined',
      'tenant.consent_granted',
      'tenant.consent_denied',
      'activity_management.enabled',
      'integration.started',
      'integration.unlinked',
      'settings.changed',
    ]) {
      expect(actions).toContain(action);
    }
    expect(actions[0]).toBe('settings.changed'); // newest first
  });
});
