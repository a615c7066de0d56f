import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedDb } from '../../scripts/lib/embedded-db';
import { freePort } from '../../scripts/lib/ports';
import { httpsGet, runScript } from '../support/processes';

/** `npm start` as a person runs it: the supervisor script with its real children. */

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

function childCommands(pid: number): string {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'args='], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

describe('npm start', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sam-start-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function start(env: NodeJS.ProcessEnv) {
    const run = runScript('scripts/start.ts', env);
    await run.waitForOutput(/Smart Activity Management is running/);
    return run;
  }

  it('serves /readyz against the embedded database, keeps data across a restart, and leaves nothing running', async () => {
    const [port, dbPort] = [await freePort(), await freePort()];
    const env = {
      PORT: String(port),
      EMBEDDED_DB_PORT: String(dbPort),
      EMULATOR_PORT: String(await freePort()),
      MAILPIT_SMTP_PORT: String(await freePort()),
      MAILPIT_HTTP_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      MONGODB_URI: '',
    };

    const first = await start(env);
    expect(await httpsGet(`https://localhost:${port}/readyz`)).toEqual({
      status: 200,
      body: '{"status":"ready"}',
    });
    const client = await new MongoClient(`mongodb://127.0.0.1:${dbPort}/`).connect();
    await client
      .db('smart_activity')
      .collection('organizations')
      .insertOne({ _id: 'survives-restart' as never, name: 'Contoso' });
    await client.close();
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(await portIsOpen(port)).toBe(false);
    expect(await portIsOpen(dbPort)).toBe(false);

    const second = await start(env);
    const again = await new MongoClient(`mongodb://127.0.0.1:${dbPort}/`).connect();
    expect(
      await again
        .db('smart_activity')
        .collection('organizations')
        .findOne({ _id: 'survives-restart' as never }),
    ).toMatchObject({
      name: 'Contoso',
    });
    await again.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('uses an already running database from MONGODB_URI and starts no second one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sam-external-db-'));
    const external = await startEmbeddedDb({ port: await freePort(), dataDir: dir });
    const port = await freePort();
    try {
      const run = await start({
        PORT: String(port),
        EMULATOR_PORT: String(await freePort()),
        MAILPIT_SMTP_PORT: String(await freePort()),
        MAILPIT_HTTP_PORT: String(await freePort()),
        DATA_DIR: dir,
        MONGODB_URI: external.uri,
      });
      expect(run.output()).toContain(`Database       ${external.uri} (MONGODB_URI)`);
      const children = childCommands(run.child.pid!);
      expect(children).toContain('server/main.ts');
      expect(children).toContain('server/worker.ts');
      expect(children).toContain('emulator/cli.ts');
      expect(children).not.toContain('embedded-db');
      expect((await httpsGet(`https://localhost:${port}/readyz`)).status).toBe(200);
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      expect(external.process.exitCode).toBeNull(); // the database we did not start keeps running
    } finally {
      await external.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with one clear line and a non-zero exit on a bad PORT', async () => {
    const run = runScript('scripts/start.ts', {
      PORT: 'abc',
      MONGODB_URI: '',
      EMBEDDED_DB_PORT: String(await freePort()),
      DATA_DIR: dataDir,
    });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      'Configuration error: PORT must be a port number between 1 and 65535 (got "abc")',
    );
  });

  it('stops with one clear line and a non-zero exit when MONGODB_URI is unreachable', async () => {
    const run = runScript('scripts/start.ts', { MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/` });
    expect(await run.exited).toBe(1);
    const lines = run.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Cannot reach the database at mongodb:\/\/127\.0\.0\.1:\d+\/ \(MONGODB_URI\): /,
    );
  });

  it('a server started alone refuses a bad value with one line naming it', async () => {
    const run = runScript('server/main.ts', {
      MONGODB_URI: 'mongodb://127.0.0.1:1/',
      SHUTDOWN_GRACE_MS: '-5',
    });
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe('Configuration error: SHUTDOWN_GRACE_MS must be positive (got "-5")');
  });
});
