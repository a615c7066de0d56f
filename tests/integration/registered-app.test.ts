import { DEMO_APP_CLIENT_ID } from '../../emulator';
import { devCerts } from '../../scripts/lib/certs';
import { startTestApp, type TestApp } from '../support/app';
import { adminOf, control, startTestEmulator, tenantNamed, type TestEmulator } from '../support/emulator';
import { emulatorCloudEnv, runEntraRegister } from '../support/entra-register';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';
import { expectedContactPoints } from '../support/truth';

interface Registration {
  appId: string;
  uniqueName: string | null;
  signInAudience: string;
  identifierUris: string[];
  api: { requestedAccessTokenVersion: number | null; oauth2PermissionScopes: Array<{ value: string }> };
  groupMembershipClaims: string | null;
  optionalClaims: { accessToken: Array<{ name: string }> } | null;
  appRoles: Array<{ value: string }>;
  requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ type: string }> }>;
  spa: { redirectUris: string[] };
  web: { redirectUris: string[] };
  keyCredentials: Array<{ customKeyIdentifier: string | null }>;
  passwordCredentials: unknown[];
}

/**
 * Registered mode: instead of the hand-made fresh registration, an IT admin runs
 * `npm run entra:register` (device-code sign-in, Graph's /applications and /servicePrincipals),
 * and the product then runs on that registration — certificate credential, v2.0 tokens, `wids` —
 * through the whole admin flow (consent in a browser, confirmation) and a sync to ground truth.
 */
describe('an app registered by entra:register', () => {
  let emulator: TestEmulator;
  let app: TestApp | undefined;
  let first: Awaited<ReturnType<typeof runEntraRegister>>;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 60 });
    first = await runEntraRegister(emulator, adminOf(emulator, 'Contoso'));
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('creates the multi-tenant registration the product needs, with a certificate, and .env lines', async () => {
    const registered = await control<Registration>(emulator, 'GET', 'application');
    expect(registered.appId).not.toBe(DEMO_APP_CLIENT_ID);
    expect(first.env.ENTRA_CLIENT_ID).toBe(registered.appId);
    expect(first.env.ENTRA_CLIENT_CERTIFICATE_FILE).toMatch(/entra-app\.pem$/);
    expect(first.env.ENTRA_CLIENT_SECRET).toBeUndefined();
    expect(first.env.ENTRA_AUTHORITY_HOST).toBe(emulator.url);
    expect(registered).toMatchObject({
      uniqueName: 'smart-activity-management',
      signInAudience: 'AzureADMultipleOrgs',
      identifierUris: [`api://${registered.appId}`],
      api: { requestedAccessTokenVersion: 2, oauth2PermissionScopes: [{ value: 'access_as_user' }] },
      groupMembershipClaims: 'DirectoryRole',
      optionalClaims: { accessToken: [{ name: 'acct' }] },
      appRoles: [{ value: 'SmartActivity.Admin' }],
      spa: { redirectUris: ['https://localhost:3000/addin/auth.html', 'brk-multihub://localhost:3000'] },
      web: {
        redirectUris: [
          'https://localhost:3000/auth/consent/callback',
          'https://localhost:3000/auth/consent/signed-in',
        ],
      },
      passwordCredentials: [],
    });
    expect(registered.keyCredentials).toHaveLength(1);
    const own = registered.requiredResourceAccess.find((r) => r.resourceAppId === registered.appId);
    expect(own?.resourceAccess).toEqual([expect.objectContaining({ type: 'Scope' })]);
    const graphRoles = registered.requiredResourceAccess
      .find((r) => r.resourceAppId === '00000003-0000-0000-c000-000000000000')!
      .resourceAccess.filter((a) => a.type === 'Role');
    expect(graphRoles).toHaveLength(4);
  });

  it('changes nothing when run again', async () => {
    const before = await control<Registration>(emulator, 'GET', 'application');
    const again = await runEntraRegister(emulator, adminOf(emulator, 'Contoso'), { dir: first.dir });
    expect(again.output).toMatch(/registered already/);
    expect(again.env).toEqual(first.env);
    expect(await control<Registration>(emulator, 'GET', 'application')).toEqual(before);
  });

  it('runs the admin flow and a sync to ground truth on that registration', async () => {
    app = await startTestApp('registered', {
      ...emulatorCloudEnv(emulator),
      ENTRA_CLIENT_ID: first.env.ENTRA_CLIENT_ID,
      ENTRA_CLIENT_CERTIFICATE_FILE: first.env.ENTRA_CLIENT_CERTIFICATE_FILE,
      ENTRA_CLIENT_CERTIFICATE_KEY_FILE: first.env.ENTRA_CLIENT_CERTIFICATE_KEY_FILE,
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_POLL_INTERVAL_SECONDS: '3600',
    });
    const admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    const contoso = tenantNamed(emulator, 'Contoso');
    const owner = contoso.users.find((u) => !u.plantedError && !u.isAdmin)!;
    const started = await admin('POST', `/api/admin/tenants/${contoso.id}/integrations`, {
      userIds: [owner.id],
      acknowledgeNoDeletion: true,
    });
    expect(started.status).toBeLessThan(300);
    const db = app.database.db;
    await syncUntil(
      app,
      async () =>
        (await db.collection('integrations').findOne({ _id: `${contoso.id}|${owner.id}` as never }))
          ?.status === 'active',
    );
    const expected = await expectedContactPoints(emulator, owner);
    const stored = await db.collection('contactPoints').find({ userId: owner.id }).toArray();
    expect(expected.size).toBeGreaterThan(5);
    expect(stored.map((p) => p.internetMessageId).sort()).toEqual([...expected.keys()].sort());
  });
});
