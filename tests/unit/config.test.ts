import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { selfSignedCertificate } from '../support/certificate';
import { configVariables, ConfigError, loadConfig } from '../../server/config';

const base = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  TLS_CERT_FILE: '',
  ENTRA_CLIENT_ID: '6f1d9c3a-8e24-4b7f-a5c0-3d9e2b1f7a84',
  ENTRA_CLIENT_SECRET: 'secret',
};

describe('configuration', () => {
  it('gives the embedded demo defaults', () => {
    const config = loadConfig(base);
    expect(config.http.port).toBe(3000);
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.mongo.dbName).toBe('smart_activity');
    expect(config.http.tls).toBeUndefined();
  });

  it('names the variable and the bad value when a port is not a number', () => {
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(
      /^PORT must be a port number between 1 and 65535 \(got "abc"\)$/,
    );
    expect(() => loadConfig({ ...base, PORT: '70000' })).toThrow(/^PORT /);
  });

  it('says how to get a database when MONGODB_URI is missing or malformed', () => {
    expect(() => loadConfig({ ...base, MONGODB_URI: undefined })).toThrow(
      /^MONGODB_URI is not set: run `npm start`/,
    );
    expect(() => loadConfig({ ...base, MONGODB_URI: 'postgres://x' })).toThrow(
      /^MONGODB_URI must be a mongodb:\/\//,
    );
  });

  it('never echoes a password from the connection string', () => {
    try {
      loadConfig({
        ...base,
        MONGODB_URI: 'mongodb://app:hunter2@db.example.com/',
        MONGODB_DB_NAME: 'bad name!',
      });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(String(err)).toMatch(/MONGODB_DB_NAME/);
      expect(String(err)).not.toMatch(/hunter2/);
    }
  });

  it('refuses a TLS certificate path that does not exist, and explains how to fix it', () => {
    expect(() => loadConfig({ ...base, TLS_CERT_FILE: '/nonexistent/cert.pem' })).toThrow(
      /^TLS_CERT_FILE names a file that does not exist/,
    );
  });

  it('takes a certificate credential over a secret, and names the variable when it is missing or unreadable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-config-'));
    const certificate = selfSignedCertificate();
    writeFileSync(path.join(dir, 'both.pem'), `${certificate.certificatePem}${certificate.privateKeyPem}`);
    writeFileSync(path.join(dir, 'not.pem'), 'hello');
    const config = loadConfig({ ...base, ENTRA_CLIENT_CERTIFICATE_FILE: path.join(dir, 'both.pem') });
    expect(config.microsoft.credential).toMatchObject({
      kind: 'certificate',
      thumbprintSha256: certificate.thumbprintSha256,
    });
    expect(() => loadConfig({ ...base, ENTRA_CLIENT_SECRET: undefined })).toThrow(
      /^ENTRA_CLIENT_CERTIFICATE_FILE is not set, and neither is ENTRA_CLIENT_SECRET/,
    );
    expect(() =>
      loadConfig({ ...base, ENTRA_CLIENT_CERTIFICATE_FILE: path.join(dir, 'missing.pem') }),
    ).toThrow(/^ENTRA_CLIENT_CERTIFICATE_FILE names a file that does not exist/);
    expect(() => loadConfig({ ...base, ENTRA_CLIENT_CERTIFICATE_FILE: path.join(dir, 'not.pem') })).toThrow(
      /^ENTRA_CLIENT_CERTIFICATE_FILE holds no PEM certificate/,
    );
    // The secret never appears in an error.
    expect(() => loadConfig({ ...base, ENTRA_CLIENT_ID: 'x' })).not.toThrow(/secret/);
  });

  it('accepts v1.0 audiences with and without the trailing slash', () => {
    expect(loadConfig(base).microsoft.apiAudiences).toEqual([
      base.ENTRA_CLIENT_ID,
      `${base.ENTRA_CLIENT_ID}/`,
      `api://${base.ENTRA_CLIENT_ID}`,
      `api://${base.ENTRA_CLIENT_ID}/`,
    ]);
  });

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = configVariables.filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});

describe('production guard for Microsoft 365 endpoints', () => {
  const production = { ...base, NODE_ENV: 'production' };

  it.each([
    ['Global', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['US Government L4', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['US Government L5 (DoD)', 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['China (21Vianet)', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
    [
      'China (21Vianet, partner host)',
      'https://login.partner.microsoftonline.cn',
      'https://microsoftgraph.chinacloudapi.cn',
    ],
  ])('accepts the %s cloud', (_name, authority, graph) => {
    const config = loadConfig({ ...production, ENTRA_AUTHORITY_HOST: authority, GRAPH_BASE_URL: graph });
    expect(config.microsoft.authorityHost).toBe(authority);
  });

  it.each([
    [
      'a look-alike authority',
      'https://login.microsoftonline.com.attacker.example',
      'https://graph.microsoft.com',
      /^ENTRA_AUTHORITY_HOST /,
    ],
    [
      'an authority with a path',
      'https://login.microsoftonline.com/evil',
      'https://graph.microsoft.com',
      /^ENTRA_AUTHORITY_HOST /,
    ],
    [
      'a port on the authority',
      'https://login.microsoftonline.com:8443',
      'https://graph.microsoft.com',
      /^ENTRA_AUTHORITY_HOST /,
    ],
    [
      'another cloud’s Graph',
      'https://login.microsoftonline.com',
      'https://graph.microsoft.us',
      /^GRAPH_BASE_URL /,
    ],
    ['a local emulator', 'https://localhost:4000', 'https://localhost:4000', /^ENTRA_AUTHORITY_HOST /],
  ])('refuses %s in production', (_name, authority, graph, variable) => {
    expect(() =>
      loadConfig({ ...production, ENTRA_AUTHORITY_HOST: authority, GRAPH_BASE_URL: graph }),
    ).toThrow(variable);
  });

  it('accepts any HTTPS endpoint outside production, and in production only with the explicit override', () => {
    const emulator = {
      ENTRA_AUTHORITY_HOST: 'https://localhost:4000',
      GRAPH_BASE_URL: 'https://localhost:4000',
    };
    expect(loadConfig({ ...base, ...emulator }).microsoft.graphBaseUrl).toBe('https://localhost:4000');
    expect(
      loadConfig({ ...production, ...emulator, ALLOW_CUSTOM_MICROSOFT_ENDPOINTS: 'on' }).microsoft
        .graphBaseUrl,
    ).toBe('https://localhost:4000');
  });
});

describe('operations settings', () => {
  it('rate limits default on, 0 switches one off, and "trust every proxy" is refused', () => {
    const config = loadConfig({ ...base, RATE_LIMIT_API_PER_USER: '0' });
    expect(config.rateLimits).toEqual({
      windowMs: 60_000,
      apiPerUser: 0,
      searchPerUser: 120,
      apiPerIp: 3000,
      consentPerIp: 60,
      webhookPerIp: 6000,
    });
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/^TRUST_PROXY must name the number/);
  });

  it('sends email only with SMTP_URL, as SMTP_FROM or no-reply at the public host, and never echoes its password', () => {
    expect(loadConfig(base).mail).toBeNull();
    expect(
      loadConfig({ ...base, SMTP_URL: 'smtp://relay:25', PUBLIC_URL: 'https://sam.example.com' }).mail,
    ).toEqual({
      url: 'smtp://relay:25',
      from: 'Smart Activity Management <no-reply@sam.example.com>',
    });
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://user:hunter2@relay' })).toThrow(
      /^SMTP_URL must be an smtp:/,
    );
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://user:hunter2@relay' })).not.toThrow(/hunter2/);
  });
});
