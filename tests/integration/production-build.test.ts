import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/ports';
import { buildServer } from '../../scripts/lib/server-build';
import { projectRoot } from '../support/processes';

/**
 * What an operator does: build, install production dependencies only (`npm ci --omit=dev`) in a
 * directory of its own, start the compiled API and worker with plain `node` against the database.
 */
describe('the production build', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sam-prod-'));
    await buildServer(path.join(dir, 'dist'));
    for (const file of ['package.json', 'package-lock.json'])
      cpSync(path.join(projectRoot, file), path.join(dir, file));
    // From the npm cache that `npm run setup` filled: no download when nothing changed.
    const install = spawnSync(
      'npm',
      [
        'ci',
        '--omit=dev',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--loglevel=error',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 300_000 },
    );
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.stderr}`);
  }, 360_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    rmSync(dir, { recursive: true, force: true });
  });

  function stop(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      child.kill('SIGTERM');
    });
  }

  function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
    const { NODE_OPTIONS: _options, NODE_EXTRA_CA_CERTS: _certs, ...inherited } = process.env;
    const child = spawn(process.execPath, [entry], {
      cwd: dir,
      env: {
        ...inherited,
        NODE_ENV: 'production',
        MONGODB_URI: process.env.TEST_MONGODB_URI!,
        MONGODB_DB_NAME: `t_prodbuild_${process.pid}`,
        TLS_CERT_FILE: '',
        ENTRA_CLIENT_ID: '6f1d9c3a-8e24-4b7f-a5c0-3d9e2b1f7a84',
        ENTRA_CLIENT_SECRET: 'not-used',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    children.push(child);
    return { child, output: () => output };
  }

  async function waitForReady(
    url: string,
    run: { child: ChildProcess; output: () => string },
  ): Promise<Response> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode}:\n${run.output()}`);
      const res = await fetch(url).catch(() => null);
      if (res?.status === 200) return res;
      if (Date.now() > deadline) throw new Error(`${url} not ready:\n${run.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('installs without any development dependency', () => {
    for (const devOnly of [
      'tsx',
      'typescript',
      'esbuild',
      '@microsoft/microsoft-graph-types',
      'react',
      'jest',
    ])
      expect(existsSync(path.join(dir, 'node_modules', devOnly))).toBe(false);
    expect(existsSync(path.join(dir, 'node_modules', 'express'))).toBe(true);
    expect(existsSync(path.join(dir, 'dist', 'server', 'main.js.map'))).toBe(true);
  });

  it('starts the built API and worker with plain node: both ready, both with metrics, both stop cleanly', async () => {
    const [apiPort, apiManagement, workerManagement] = [await freePort(), await freePort(), await freePort()];
    const api = start('dist/server/main.js', {
      PORT: String(apiPort),
      MANAGEMENT_PORT: String(apiManagement),
    });
    const worker = start('dist/server/worker.js', { MANAGEMENT_PORT: String(workerManagement) });

    expect(await (await waitForReady(`http://127.0.0.1:${apiPort}/readyz`, api)).json()).toEqual({
      status: 'ready',
    });
    expect(await (await waitForReady(`http://127.0.0.1:${workerManagement}/readyz`, worker)).json()).toEqual({
      status: 'ready',
    });
    const workerHealth = await fetch(`http://127.0.0.1:${workerManagement}/healthz`);
    expect(workerHealth.status).toBe(200);
    for (const port of [apiManagement, workerManagement]) {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('# TYPE sam_sync_lag_seconds gauge');
      expect(metrics).toContain('sam_process_cpu_seconds_total');
    }

    expect(await stop(api.child)).toBe(0);
    expect(await stop(worker.child)).toBe(0);
    // Nothing was said about a missing module or a failure, only the warning that email is off.
    expect(api.output()).not.toMatch(/Cannot find module|"level":50/);
    expect(api.output()).toContain('SMTP_URL is not set');
    expect(worker.output()).not.toMatch(/Cannot find module|"level":50/);
  });

  it('sends traces of a request and the database calls it makes to an OTLP collector, when one is configured', async () => {
    type Span = {
      traceId: string;
      name: string;
      kind: number;
      scope: string;
      attributes?: Array<{ key: string; value: { stringValue?: string } }>;
    };
    const spans: Span[] = [];
    let exported = '';
    const collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        exported += body;
        const batch = JSON.parse(body) as {
          resourceSpans?: Array<{ scopeSpans?: Array<{ scope?: { name: string }; spans?: Span[] }> }>;
        };
        for (const resource of batch.resourceSpans ?? [])
          for (const scope of resource.scopeSpans ?? [])
            spans.push(...(scope.spans ?? []).map((span) => ({ ...span, scope: scope.scope?.name ?? '' })));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const apiPort = await freePort();
      const api = start('dist/server/main.js', {
        PORT: String(apiPort),
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_BSP_SCHEDULE_DELAY: '100',
      });
      await waitForReady(`http://127.0.0.1:${apiPort}/readyz`, api);
      // Unauthenticated: the per-address rate limit counts it in the database, then 401.
      expect((await fetch(`http://127.0.0.1:${apiPort}/api/me`)).status).toBe(401);
      // What someone types in the search box is personal data: the span keeps the parameter, not the text.
      const typed = 'Yamamoto Sakura';
      expect(
        (await fetch(`http://127.0.0.1:${apiPort}/api/search?q=${encodeURIComponent(typed)}`)).status,
      ).toBe(401);
      const attribute = (span: Span, key: string) =>
        span.attributes?.find((a) => a.key === key)?.value.stringValue;

      const deadline = Date.now() + 30_000;
      const request = () =>
        spans.find(
          (s) => s.scope.includes('instrumentation-http') && s.kind === 2 && s.name.startsWith('GET'),
        );
      while (!(
        request() && spans.some((s) => s.scope.includes('mongodb') && s.traceId === request()!.traceId)
      )) {
        if (Date.now() > deadline)
          throw new Error(
            `no request trace with a database span: ${JSON.stringify(spans.map((s) => [s.scope, s.name]))}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
      // Probes are not traced.
      expect(spans.some((s) => s.name.includes('readyz'))).toBe(false);
      while (!spans.some((s) => attribute(s, 'url.path') === '/api/search')) {
        if (Date.now() > deadline) throw new Error('no span of the search request');
        await new Promise((r) => setTimeout(r, 100));
      }
      const search = spans.find((s) => attribute(s, 'url.path') === '/api/search')!;
      expect(attribute(search, 'url.query')).toBe('q=REDACTED');
      expect(exported).not.toContain('Yamamoto');
      expect(await stop(api.child)).toBe(0);
    } finally {
      collector.close();
    }
  });
});
