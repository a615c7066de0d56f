import { readFileSync } from 'node:fs';
import path from 'node:path';
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

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = configVariables.filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });
});
