import type { ColleagueResponse, SearchResponse } from '../../shared/api';
import { devCerts } from '../../scripts/lib/certs';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import {
  authorizeDelegation,
  googleEnv,
  registerWorkspace,
  workspaceOf,
  type WorkspaceUser,
} from '../support/google';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';

const scopes = [
  'https://www.googleapis.com/auth/gmail.readonly',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.domain.readonly',
];

/**
 * An organisation on Microsoft 365 whose subsidiary is on Google Workspace: once the Workspace
 * joins, its people are colleagues in relationship search (found as colleagues, never as outside
 * people or an outside company), exactly as the users of a second Microsoft 365 tenant are.
 */
describe('a Google Workspace in the organisation: colleagues in search, and detaching it', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let admin: ReturnType<typeof apiClient>;
  let reader: ReturnType<typeof apiClient>;
  let msUser: ScenarioUser;
  let gmailUser: WorkspaceUser;
  let customerId: string;
  let workspaceDomain: string;
  const integrationOf = (tenantId: string, userId: string) =>
    app.database.db.collection('integrations').findOne({ _id: `${tenantId}|${userId}` as never });
  const search = async (q: string, kind?: string) => {
    const answer = await reader<SearchResponse>(
      'GET',
      `/api/search?q=${encodeURIComponent(q)}${kind ? `&kind=${kind}` : ''}`,
    );
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const colleagueView = async (userId: string) => {
    const answer = await reader<ColleagueResponse>('GET', `/api/colleagues/${userId}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 20 });
    app = await startTestApp('wscolleagues', {
      ...microsoftEnv(emulator),
      ...googleEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_POLL_INTERVAL_SECONDS: '1',
      RATE_LIMIT_SEARCH_PER_USER: '0',
    });
    admin = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    msUser = tenantNamed(emulator, 'Contoso').users.find((u) => !u.plantedError && !u.isAdmin)!;
    const workspace = workspaceOf(emulator);
    customerId = workspace.customerId;
    workspaceDomain = workspace.domains[0]!;
    gmailUser = workspace.users.find((u) => !u.plantedError && !u.isAdmin)!;
    reader = apiClient(app.url, await userToken(emulator, msUser));

    // Before the subsidiary's Workspace joins, its people write to the parent as outsiders do.
    const started = await admin(
      'POST',
      `/api/admin/tenants/${tenantNamed(emulator, 'Contoso').id}/integrations`,
      {
        userIds: [msUser.id],
        acknowledgeNoDeletion: true,
      },
    );
    expect(started.status).toBe(200);
    const delivered = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${msUser.id}/messages`,
      {
        from: { name: gmailUser.displayName, address: gmailUser.mail },
        to: [{ name: msUser.displayName, address: msUser.mail }],
        subject: 'Quarterly figures',
      },
    );
    await syncUntil(
      app,
      async () =>
        !!(await app.database.db
          .collection('contactPoints')
          .findOne({ userId: msUser.id, internetMessageId: delivered.internetMessageId })),
      { timeoutMs: 120_000 },
    );
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('finds a Workspace user as an outside person while the Workspace is not the organisation’s', async () => {
    const before = await search(gmailUser.mail);
    expect(before.people.map((p) => p.email)).toEqual([gmailUser.mail.toLowerCase()]);
    expect((await search(workspaceDomain, 'company')).companies.map((c) => c.domain)).toContain(
      workspaceDomain,
    );
  });

  it('counts the people of a joined Workspace as colleagues, never as outside people or company', async () => {
    await authorizeDelegation(emulator, scopes);
    const landing = await registerWorkspace(
      app,
      admin,
      emulator,
      workspace().users.find((u) => u.isAdmin)!,
    );
    expect(landing.heading).toBe('Consent granted');
    const started = await admin('POST', `/api/admin/workspaces/${customerId}/integrations`, {
      userIds: [gmailUser.id],
      acknowledgeNoDeletion: true,
    });
    expect(started.status).toBe(200);
    await syncUntil(app, async () => (await integrationOf(customerId, gmailUser.id))?.status === 'active', {
      timeoutMs: 120_000,
    });

    expect((await search(gmailUser.mail)).people).toEqual([]);
    expect((await search(workspaceDomain, 'company')).companies).toEqual([]);
    const found = await search(gmailUser.displayName.split(' ')[0]!, 'colleague');
    expect(found.colleagues.map((c) => c.userId)).toContain(gmailUser.id);

    // The Gmail colleague's own network opens by their Google user id…
    const theirs = await colleagueView(gmailUser.id);
    expect(theirs.colleague).toMatchObject({ userId: gmailUser.id });
    expect(theirs.people.length).toBeGreaterThan(0);
    expect(theirs.people.every((p) => !p.email.endsWith(`@${workspaceDomain}`))).toBe(true);
    // …and the Microsoft 365 colleague's network no longer lists them as someone they know outside.
    const mine = await colleagueView(msUser.id);
    expect(mine.colleague).toMatchObject({ userId: msUser.id });
    expect(mine.people.map((p) => p.email)).not.toContain(gmailUser.mail.toLowerCase());
    expect(mine.companies.map((c) => c.domain)).not.toContain(workspaceDomain);
  });

  it('refuses a colleague id that is neither a GUID nor a Google user id', async () => {
    for (const bad of ['12ab', '1'.repeat(31), '%7B%22%24gt%22%3A%22%22%7D']) {
      const answer = await reader<{ error: { code: string } }>('GET', `/api/colleagues/${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_userId');
    }
  });

  it('lets only the organisation’s admin detach the Workspace, and refuses bad input changing nothing', async () => {
    const listed = async () =>
      (
        await admin<{ workspaces: Array<{ id: string }> }>('GET', '/api/admin/workspaces')
      ).body.workspaces.map((w) => w.id);
    expect((await reader('POST', `/api/admin/workspaces/${customerId}/detach`, {})).status).toBe(403);
    const fabrikamAdmin = apiClient(
      app.url,
      await userToken(
        emulator,
        tenantNamed(emulator, 'Fabrikam').users.find((u) => u.isAdmin)!,
      ),
    );
    expect((await fabrikamAdmin('POST', `/api/admin/workspaces/${customerId}/detach`, {})).status).toBe(403);
    for (const [path, body] of [
      ['/api/admin/workspaces/not-a-customer/detach', {}],
      ['/api/admin/workspaces/C0000000/detach', {}],
      [`/api/admin/workspaces/${customerId}/detach`, { organizationId: { $ne: null } }],
    ] as const) {
      const answer = await admin<{ error: { code: string; message: string } }>('POST', path, body);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error).toEqual(
        expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
      );
    }
    expect(await listed()).toEqual([customerId]);
    expect((await integrationOf(customerId, gmailUser.id))?.status).toBe('active');
  });

  it('detaching stops its mailboxes, keeps what they gave, audits it, and its people are outsiders again', async () => {
    const points = () => app.database.db.collection('contactPoints').countDocuments({ userId: gmailUser.id });
    const kept = await points();
    expect(kept).toBeGreaterThan(0);

    const detached = await admin('POST', `/api/admin/workspaces/${customerId}/detach`, {});
    expect(detached.status).toBe(200);
    expect(detached.body).toEqual({
      detached: true,
      workspace: { id: customerId, primaryDomain: workspaceDomain },
      integrationsStopped: 1,
    });
    expect((await admin<{ workspaces: unknown[] }>('GET', '/api/admin/workspaces')).body.workspaces).toEqual(
      [],
    );
    expect(await integrationOf(customerId, gmailUser.id)).toBeNull();
    expect(
      await app.database.db
        .collection('syncJobs')
        .countDocuments({ _id: `${customerId}|${gmailUser.id}` as never }),
    ).toBe(0);
    expect(await points()).toBe(kept);
    const audit = await admin<{ entries: Array<{ action: string; target: unknown; details: unknown }> }>(
      'GET',
      '/api/admin/audit',
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'workspace.detached',
      target: { tenantId: customerId },
      details: { primaryDomain: workspaceDomain, integrationsStopped: 1 },
    });

    // Its users are nobody's colleagues here any more; those who wrote to colleagues are outside people again.
    expect((await search(gmailUser.displayName.split(' ')[0]!, 'colleague')).colleagues).toEqual([]);
    expect((await colleagueView(gmailUser.id)).colleague).toBeNull();
    expect((await search(gmailUser.mail)).people.map((p) => p.email)).toEqual([gmailUser.mail.toLowerCase()]);
    // The organisation's admins and its mailboxes' workers find nothing of it to act on.
    expect((await admin('POST', `/api/admin/workspaces/${customerId}/detach`, {})).status).toBe(404);
    expect((await admin('GET', `/api/admin/workspaces/${customerId}/users`)).status).toBe(404);
  });

  function workspace() {
    return workspaceOf(emulator);
  }
});
