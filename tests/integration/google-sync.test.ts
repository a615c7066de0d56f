import { devCerts } from '../../scripts/lib/certs';
import type { apiClient } from '../support/api';
import { apiClient as client } from '../support/api';
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
import { expectedContactPoints } from '../support/truth';

const gmailScope = 'https://www.googleapis.com/auth/gmail.readonly';
const directoryScopes = [
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
  'https://www.googleapis.com/auth/admin.directory.domain.readonly',
];

/**
 * Google Workspace end to end: a Workspace joins a Microsoft 365 organisation through its admin's
 * Google sign-in and domain-wide delegation, and Gmail mailboxes are read through the Gmail API
 * (the official client libraries against the emulator) into the same contact points, checked
 * against the emulator's ground truth.
 */
describe('Google Workspace mailboxes', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let admin: ReturnType<typeof apiClient>;
  let customerId: string;
  let colleagues: WorkspaceUser[];
  const points = (userId: string) => app.database.db.collection('contactPoints').find({ userId }).toArray();
  const integrationOf = (userId: string) =>
    app.database.db.collection('integrations').findOne({ _id: `${customerId}|${userId}` as never });
  const statusOf = async (userId: string) => (await integrationOf(userId))?.status;
  const start = (userIds: string[]) =>
    admin('POST', `/api/admin/workspaces/${customerId}/integrations`, {
      userIds,
      acknowledgeNoDeletion: true,
    });
  const asScenarioUser = (u: WorkspaceUser) => u as unknown as ScenarioUser;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 300 });
    app = await startTestApp('googlesync', {
      ...microsoftEnv(emulator),
      ...googleEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_POLL_INTERVAL_SECONDS: '1',
      SYNC_PAGE_SIZE: '50',
      SYNC_LEASE_SECONDS: '10',
    });
    admin = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    customerId = workspaceOf(emulator).customerId;
    colleagues = workspaceOf(emulator)
      .users.filter((u) => !u.plantedError && !u.isAdmin)
      .slice(0, 2);
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('joins the organisation only when a Workspace admin signs in and delegation is in place', async () => {
    const workspace = workspaceOf(emulator);
    const workspaceAdmin = workspace.users.find((u) => u.isAdmin)!;
    // A fresh Workspace has authorized nothing: the sign-in succeeds, the delegation proof does not.
    const without = await registerWorkspace(app, admin, emulator, workspaceAdmin);
    expect(without.status).toBe(409);
    expect(without.text).toContain(without.registration.clientId);
    // A Workspace user who is not an admin cannot connect it, delegation or not.
    await authorizeDelegation(emulator, [gmailScope, ...directoryScopes]);
    const member = await registerWorkspace(app, admin, emulator, colleagues[0]!);
    expect(member.status).toBe(403);
    expect(
      (await admin<{ workspaces: unknown[] }>('GET', '/api/admin/workspaces')).body.workspaces,
    ).toHaveLength(0);

    const landing = await registerWorkspace(app, admin, emulator, workspaceAdmin);
    expect(landing.heading).toBe('Consent granted');
    const listed = await admin<{
      clientId: string;
      scopes: string[];
      workspaces: Array<{ id: string; primaryDomain: string; missingScopes: string[] }>;
    }>('GET', '/api/admin/workspaces');
    expect(listed.body.clientId).toBe(emulator.scenario.google.serviceAccountKey.client_id);
    expect(listed.body.scopes.sort()).toEqual([gmailScope, ...directoryScopes].sort());
    expect(listed.body.workspaces).toEqual([
      expect.objectContaining({ id: customerId, primaryDomain: workspace.domains[0], missingScopes: [] }),
    ]);
  });

  it('lists the Workspace users and syncs Gmail mailboxes to exactly the ground truth', async () => {
    const users = await admin<{ users: Array<{ id: string; suspended: boolean }> }>(
      'GET',
      `/api/admin/workspaces/${customerId}/users`,
    );
    expect(users.status).toBe(200);
    expect(users.body.users.map((u) => u.id)).toEqual(expect.arrayContaining(colleagues.map((c) => c.id)));
    expect(
      users.body.users.find(
        (u) => u.id === workspaceOf(emulator).users.find((w) => w.plantedError === 'suspended')!.id,
      )?.suspended,
    ).toBe(true);

    expect((await start(colleagues.map((c) => c.id))).status).toBe(200);
    await syncUntil(app, async () => {
      const statuses = await Promise.all(colleagues.map((c) => statusOf(c.id)));
      return statuses.every((s) => s === 'active');
    });
    for (const colleague of colleagues) {
      const expected = await expectedContactPoints(emulator, asScenarioUser(colleague));
      const stored = await points(colleague.id);
      expect(expected.size).toBeGreaterThan(50);
      expect(stored.map((p) => p.internetMessageId).sort()).toEqual([...expected.keys()].sort());
      for (const p of stored) {
        const want = expected.get(p.internetMessageId)!;
        expect({
          direction: p.direction,
          external: p.external.map((e: { email: string }) => e.email).sort(),
        }).toEqual({
          direction: want.direction,
          external: want.external,
        });
      }
    }
  });

  it('picks up new mail by polling, and recovers from expired history without duplicates', async () => {
    const owner = colleagues[0]!;
    const delivered = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${owner.id}/messages`,
      {},
    );
    const has = (id: string) => async () => (await points(owner.id)).some((p) => p.internetMessageId === id);
    await syncUntil(app, has(delivered.internetMessageId), { timeoutMs: 30_000 });

    await control(emulator, 'POST', `mailboxes/${owner.id}/expire-delta`);
    const after = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${owner.id}/messages`,
      {
        folder: 'sentitems',
      },
    );
    await syncUntil(app, has(after.internetMessageId), { timeoutMs: 60_000 });
    const expected = await expectedContactPoints(emulator, asScenarioUser(owner));
    expect((await points(owner.id)).map((p) => p.internetMessageId).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    expect(await statusOf(owner.id)).toBe('active');
  });

  it('shows a contact emailed from Microsoft 365 and from Gmail with both colleagues', async () => {
    const contoso = tenantNamed(emulator, 'Contoso');
    const msUser = contoso.users.find((u) => !u.plantedError && !u.isAdmin)!;
    const gmailUser = colleagues[1]!;
    const outsider = { name: 'Jamie Rivera', address: 'jamie.rivera@rivera-advisory.net' };
    await admin('POST', `/api/admin/tenants/${contoso.id}/integrations`, {
      userIds: [msUser.id],
      acknowledgeNoDeletion: true,
    });
    await control(emulator, 'POST', `mailboxes/${msUser.id}/messages`, {
      from: outsider,
      to: [{ name: msUser.displayName, address: msUser.mail }],
      subject: 'Proposal',
    });
    await control(emulator, 'POST', `mailboxes/${gmailUser.id}/messages`, {
      from: { name: gmailUser.displayName, address: gmailUser.mail },
      to: [outsider],
      subject: 'Follow-up',
      folder: 'sentitems',
    });
    const reader = client(app.url, await userToken(emulator, msUser));
    const colleaguesOf = async () => {
      const answer = await reader<{
        contacts: Array<{ email: string; colleagues?: Array<{ userId: string; name: string }> }>;
      }>('GET', `/api/contacts?emails=${encodeURIComponent(outsider.address)}`);
      if (answer.status !== 200) throw new Error(`contacts: ${answer.status} ${JSON.stringify(answer.body)}`);
      return (answer.body.contacts[0]?.colleagues ?? []).map((c) => c.userId).sort();
    };
    await syncUntil(app, async () => (await colleaguesOf()).length === 2, { timeoutMs: 60_000 });
    expect(await colleaguesOf()).toEqual([msUser.id, gmailUser.id].sort());
  });

  it('reads the sender’s signature from a Gmail message body', async () => {
    const owner = colleagues[0]!;
    const sender = { name: 'Kenji Sato', address: 'kenji.sato@northwind-traders.co.jp' };
    await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {
      from: sender,
      to: [{ name: owner.displayName, address: owner.mail }],
      subject: 'Revised quote',
      body: [
        'Hello,',
        '',
        'The revised quote follows on Friday.',
        '',
        'Best regards,',
        'Kenji Sato',
        'Sales Manager',
        'Northwind Traders Co., Ltd.',
        'Mobile: +81 90-1234-5678',
      ].join('\n'),
    });
    const contoso = tenantNamed(emulator, 'Contoso');
    const reader = client(
      app.url,
      await userToken(
        emulator,
        contoso.users.find((u) => !u.plantedError && !u.isAdmin)!,
      ),
    );
    const signatureOf = async () => {
      const answer = await reader<{ contacts: Array<{ signature: { title: string | null } | null }> }>(
        'GET',
        `/api/contacts?emails=${encodeURIComponent(sender.address)}`,
      );
      if (answer.status !== 200) throw new Error(`contacts: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.contacts[0]?.signature ?? null;
    };
    await syncUntil(app, async () => (await signatureOf())?.title === 'Sales Manager', { timeoutMs: 30_000 });
  });

  it('shows planted Workspace users with their statuses, keeping Google’s code and message', async () => {
    const planted = (kind: string) => workspaceOf(emulator).users.find((u) => u.plantedError === kind)!;
    await start([planted('no-gmail').id, planted('suspended').id]);
    await syncUntil(app, async () =>
      (await Promise.all([statusOf(planted('no-gmail').id), statusOf(planted('suspended').id)])).every(
        (s) => s === 'authentication_error',
      ),
    );
    expect((await integrationOf(planted('no-gmail').id))?.lastError).toMatchObject({
      kind: 'authentication_error',
      graphCode: 'failedPrecondition',
      httpStatus: 400,
      message: 'Mail service not enabled',
      action: 'enable_gmail_service',
    });
    expect((await integrationOf(planted('suspended').id))?.lastError).toMatchObject({
      graphCode: 'failedPrecondition',
      action: 'check_user_exists',
    });

    // The Workspace admin takes the Gmail scope out of the delegation: mailboxes become Unauthorized.
    await authorizeDelegation(emulator, directoryScopes);
    const admin2 = workspaceOf(emulator).users.find((u) => u.isAdmin)!;
    await start([admin2.id]);
    await syncUntil(app, async () => (await statusOf(admin2.id)) === 'unauthorized');
    expect((await integrationOf(admin2.id))?.lastError).toMatchObject({
      graphCode: 'unauthorized_client',
      action: 'authorize_domain_wide_delegation',
    });
    await authorizeDelegation(emulator, [gmailScope, ...directoryScopes]);
  });

  it('unlinking a Gmail mailbox stops extraction and keeps what was extracted', async () => {
    const owner = colleagues[1]!;
    const kept = (await points(owner.id)).length;
    const unlinked = await admin<{ status: string; provider: string }>(
      'POST',
      `/api/admin/workspaces/${customerId}/integrations/${owner.id}/unlink`,
    );
    expect(unlinked.body).toMatchObject({ status: 'unlinked', provider: 'google' });
    await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {});
    await new Promise((r) => setTimeout(r, 1500)); // longer than the poll interval
    await syncUntil(app, async () => true);
    expect((await points(owner.id)).length).toBe(kept);
  });

  it('refuses malformed Workspace ids and another organisation’s Workspace', async () => {
    expect((await admin('GET', '/api/admin/workspaces/not-a-customer/users')).status).toBe(400);
    expect((await admin('GET', '/api/admin/workspaces/C0000000/users')).status).toBe(404);
    expect(
      (
        await admin('POST', `/api/admin/workspaces/${customerId}/integrations`, {
          userIds: ['x'],
          acknowledgeNoDeletion: true,
        })
      ).status,
    ).toBe(400);
    const fabrikam = client(
      app.url,
      await userToken(
        emulator,
        tenantNamed(emulator, 'Fabrikam').users.find((u) => u.isAdmin)!,
      ),
    );
    expect((await fabrikam('GET', `/api/admin/workspaces/${customerId}/users`)).status).toBe(403);
  });
});
