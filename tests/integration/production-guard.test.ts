import net from 'node:net';
import { freePort } from '../../scripts/lib/ports';
import { runScript } from '../support/processes';

/**
 * In production the service talks to Microsoft 365 only on Microsoft's own clouds (and to Google
 * only at Google), and `npm start`
 * never stands the emulator (whose control API mints admin tokens for anyone) in for Microsoft 365.
 */

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

const appRegistration = {
  ENTRA_CLIENT_ID: '6f1d9c3a-8e24-4b7f-a5c0-3d9e2b1f7a84',
  ENTRA_CLIENT_SECRET: 'secret',
  TLS_CERT_FILE: '',
  MONGODB_CONNECT_TIMEOUT_MS: '500',
};

describe('production guard', () => {
  it('npm start in production without an Entra app refuses with one line and starts no emulator', async () => {
    const emulatorPort = await freePort();
    const run = runScript('scripts/start.ts', {
      NODE_ENV: 'production',
      ENTRA_CLIENT_ID: '',
      MONGODB_URI: '',
      EMULATOR_PORT: String(emulatorPort),
      EMBEDDED_DB_PORT: String(await freePort()),
      MAILPIT_SMTP_PORT: String(await freePort()),
      MAILPIT_HTTP_PORT: String(await freePort()),
      PORT: String(await freePort()),
    });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Configuration error: ENTRA_CLIENT_ID is not set\. In production .* never starts the Microsoft 365 emulator/,
    );
    expect(await portIsOpen(emulatorPort)).toBe(false);
  });

  it('a production server refuses an authority outside Microsoft’s clouds, naming the variable and the way out', async () => {
    const run = runScript('server/main.ts', {
      ...appRegistration,
      NODE_ENV: 'production',
      MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/`,
      ENTRA_AUTHORITY_HOST: 'https://login.attacker.example',
      GRAPH_BASE_URL: 'https://graph.microsoft.com',
    });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toMatch(
      /^Configuration error: ENTRA_AUTHORITY_HOST must be a Microsoft Entra ID authority \(https:\/\/login\.microsoftonline\.com, .*\) in production; set ALLOW_CUSTOM_MICROSOFT_ENDPOINTS=on .* \(got "https:\/\/login\.attacker\.example"\)$/,
    );
  });

  it('a production server refuses a Graph endpoint that is not the same cloud’s Graph', async () => {
    const run = runScript('server/worker.ts', {
      ...appRegistration,
      NODE_ENV: 'production',
      MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/`,
      ENTRA_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      GRAPH_BASE_URL: 'https://graph.microsoft.com',
    });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toMatch(
      /^Configuration error: GRAPH_BASE_URL must be Microsoft Graph of the same cloud as ENTRA_AUTHORITY_HOST \(US Government .*https:\/\/graph\.microsoft\.us, https:\/\/dod-graph\.microsoft\.us\)/,
    );
  });

  it('a production server refuses a Google token endpoint that is not Google’s, and accepts it with the override', async () => {
    const google = { GOOGLE_TOKEN_URL: 'https://oauth2.attacker.example/token' };
    const refused = runScript('server/worker.ts', {
      ...appRegistration,
      ...google,
      NODE_ENV: 'production',
      MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/`,
    });
    expect(await refused.exited).toBe(1);
    expect(refused.output().trim()).toMatch(
      /^Configuration error: GOOGLE_TOKEN_URL must be Google's own endpoint \(https:\/\/oauth2\.googleapis\.com\) in production; set ALLOW_CUSTOM_GOOGLE_ENDPOINTS=on .* \(got "https:\/\/oauth2\.attacker\.example\/token"\)$/,
    );
    const allowed = runScript('server/worker.ts', {
      ...appRegistration,
      ...google,
      ALLOW_CUSTOM_GOOGLE_ENDPOINTS: 'on',
      NODE_ENV: 'production',
      MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/`,
    });
    expect(await allowed.exited).toBe(1);
    expect(allowed.output().trim()).toMatch(/^Cannot reach the database at mongodb:\/\/127\.0\.0\.1:\d+\//);
  });

  it('with the explicit override a production server accepts another endpoint (and goes on to its database)', async () => {
    const run = runScript('server/main.ts', {
      ...appRegistration,
      NODE_ENV: 'production',
      ALLOW_CUSTOM_MICROSOFT_ENDPOINTS: 'on',
      MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/`,
      ENTRA_AUTHORITY_HOST: 'https://login.proxy.example',
      GRAPH_BASE_URL: 'https://graph.proxy.example',
    });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toMatch(/^Cannot reach the database at mongodb:\/\/127\.0\.0\.1:\d+\//);
  });
});
