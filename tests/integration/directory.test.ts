import { devCerts } from '../../scripts/lib/certs';
import { startTestApp, type TestApp } from '../support/app';
import { microsoftEnv, startTestEmulator, tenantNamed, type TestEmulator } from '../support/emulator';
import { connectOrganization } from '../support/organization';

type UsersPage = {
  users: Array<{ id: string; displayName: string; guest: boolean; licensed: boolean; integration: unknown }>;
  nextCursor: string | null;
};

/**
 * The admin's users list against a directory as a real tenant has it: more users than one page,
 * B2B guests (`#EXT#`, userType Guest) and members without a licence.
 */
describe("a tenant's directory in the admin's users list", () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof connectOrganization>>;
  let contosoId: string;
  const users = () => `/api/admin/tenants/${contosoId}/users`;
  const integrationCount = () => app.database.db.collection('integrations').countDocuments();

  beforeAll(async () => {
    // 30 more colleagues: Contoso's directory then spans two pages of 25.
    emulator = await startTestEmulator({ messagesPerUser: 20, extraUsers: 30 });
    app = await startTestApp('directory', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
    });
    contosoId = tenantNamed(emulator, 'Contoso').id;
    admin = await connectOrganization(app, emulator, ['Contoso']);
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('follows nextCursor to page 2 and on to the end: every user exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: UsersPage } = await admin<UsersPage>(
        'GET',
        `${users()}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.users.map((u) => u.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    const directory = tenantNamed(emulator, 'Contoso').users.map((u) => u.id);
    expect(pages).toBe(Math.ceil(directory.length / 25));
    expect(seen).toHaveLength(new Set(seen).size);
    expect([...seen].sort()).toEqual([...directory].sort());
  });

  it('marks the guest and the member without a licence', async () => {
    const all = (await admin<UsersPage>('GET', `${users()}?search=`)).body.users;
    const scenario = tenantNamed(emulator, 'Contoso').users;
    const guest = scenario.find((u) => u.userType === 'Guest')!;
    const unlicensed = scenario.find((u) => u.plantedError === 'no-mailbox')!;
    const searched = async (name: string) =>
      (await admin<UsersPage>('GET', `${users()}?search=${encodeURIComponent(name)}`)).body.users;
    expect((await searched(guest.displayName)).find((u) => u.id === guest.id)).toMatchObject({
      guest: true,
      licensed: false,
    });
    expect((await searched(unlicensed.displayName)).find((u) => u.id === unlicensed.id)).toMatchObject({
      guest: false,
      licensed: false,
    });
    expect(all.find((u) => u.displayName === 'Daniel Brooks')).toMatchObject({
      guest: false,
      licensed: true,
    });
  });

  it('refuses to start a guest, alone or among others, and starts nobody then', async () => {
    const scenario = tenantNamed(emulator, 'Contoso').users;
    const guest = scenario.find((u) => u.userType === 'Guest')!;
    const member = scenario.find((u) => !u.plantedError && !u.isAdmin)!;
    const bulk = await admin('POST', `/api/admin/tenants/${contosoId}/integrations`, {
      userIds: [member.id, guest.id],
      acknowledgeNoDeletion: true,
      confirmUnlicensed: true,
    });
    expect(bulk.status).toBe(409);
    expect(bulk.body).toMatchObject({
      error: { code: 'guest_users', message: expect.stringContaining(guest.displayName) },
    });
    const one = await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${guest.id}/start`, {
      acknowledgeNoDeletion: true,
    });
    expect(one.status).toBe(409);
    expect(await integrationCount()).toBe(0);
  });

  it('starts a member without a licence only when the admin confirms it', async () => {
    const unlicensed = tenantNamed(emulator, 'Contoso').users.find((u) => u.plantedError === 'no-mailbox')!;
    const start = (body: Record<string, unknown>) =>
      admin('POST', `/api/admin/tenants/${contosoId}/integrations/${unlicensed.id}/start`, {
        acknowledgeNoDeletion: true,
        ...body,
      });
    const refused = await start({});
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'unlicensed_users' } });
    expect(await integrationCount()).toBe(0);
    const confirmed = await start({ confirmUnlicensed: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ outcome: 'started' });
  });
});
