import { devCerts } from '../../scripts/lib/certs';
import { startTestApp, type TestApp } from '../support/app';
import { adminOf, control, startTestEmulator, type TestEmulator } from '../support/emulator';
import { approveDeviceCode, emulatorCloudEnv, runEntraRegister } from '../support/entra-register';
import { connectOrganization } from '../support/organization';
import { runScript } from '../support/processes';

/**
 * `npm run doctor` against a deployment on the emulator: all green on a registration made by
 * `entra:register`, then one deliberately broken setting per kind of row turns exactly that row red.
 */
describe('npm run doctor', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let env: Record<string, string>;

  const doctor = async (extra: Record<string, string>, args: string[] = []) => {
    const run = runScript(
      'scripts/doctor.ts',
      {
        ...emulatorCloudEnv(emulator),
        ...env,
        PUBLIC_URL: app.url,
        MONGODB_URI: app.database.uri,
        MONGODB_DB_NAME: app.database.name,
        ...extra,
      },
      ['--tenant', adminOf(emulator, 'Contoso').userPrincipalName.split('@')[1]!, ...args],
    );
    if (!args.includes('--skip-registration'))
      await approveDeviceCode(emulator, run, adminOf(emulator, 'Contoso'));
    const code = await run.exited;
    const failed = run
      .output()
      .split('\n')
      .filter((l) => l.startsWith('❌'))
      .map((l) => l.slice(2).trim());
    return { code, output: run.output(), failed };
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 10 });
    env = (await runEntraRegister(emulator, adminOf(emulator, 'Contoso'))).env;
    app = await startTestApp('doctor', {
      ...emulatorCloudEnv(emulator),
      ENTRA_CLIENT_ID: env.ENTRA_CLIENT_ID,
      ENTRA_CLIENT_CERTIFICATE_FILE: env.ENTRA_CLIENT_CERTIFICATE_FILE,
      ENTRA_CLIENT_CERTIFICATE_KEY_FILE: env.ENTRA_CLIENT_CERTIFICATE_KEY_FILE,
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
    });
    await connectOrganization(app, emulator, ['Contoso']);
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('passes every row on a healthy deployment', async () => {
    const result = await doctor({});
    expect(result.failed).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/✅ Registration: Access token version 2/);
    expect(result.output).toMatch(/✅ Tenant .* application permissions granted/);
  });

  it('fails exactly the row of each broken setting, with its fix, and exits non-zero', async () => {
    // The registration: back to v1.0 tokens. The tenant: its admin revoked consent.
    await control(emulator, 'PATCH', 'application', { api: { requestedAccessTokenVersion: null } });
    const contosoId = emulator.scenario.tenants.find((t) => t.displayName === 'Contoso')!.id;
    await control(emulator, 'PUT', `tenants/${contosoId}/consent`, { granted: false });
    const broken = await doctor(
      {
        // Nothing answers at PUBLIC_URL; the workers' management port is down.
        PUBLIC_URL: 'https://localhost:9',
      },
      ['--worker-url', 'http://127.0.0.1:9'],
    );
    expect(broken.code).toBe(1);
    const rows = broken.failed.map((f) => f.split(/\s{2,}/)[0]);
    expect(rows).toEqual(
      expect.arrayContaining([
        'TLS certificate of localhost:9',
        'Registration: Access token version 2',
        `Tenant ${contosoId}: application permissions granted`,
        'Worker 127.0.0.1:9 ready',
      ]),
    );
    expect(broken.failed.some((f) => f.startsWith('Microsoft Graph reachable'))).toBe(false);
    expect(broken.failed.some((f) => f.startsWith('Database reachable'))).toBe(false);
    expect(broken.output).toMatch(/fix: .*requestedAccessTokenVersion/);

    // The database and Microsoft Graph out of reach (the registration is not read in this run).
    const unreachable = await doctor(
      { MONGODB_URI: 'mongodb://127.0.0.1:9', GRAPH_BASE_URL: 'https://localhost:9' },
      ['--skip-registration'],
    );
    expect(unreachable.code).toBe(1);
    expect(unreachable.failed.map((f) => f.split(/\s{2,}/)[0])).toEqual(
      expect.arrayContaining(['Database reachable', 'Microsoft Graph reachable']),
    );
  });
});
