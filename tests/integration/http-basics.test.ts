import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedDb } from '../../scripts/lib/embedded-db';
import { freePort } from '../../scripts/lib/ports';
import { startTestApp, type TestApp } from '../support/app';

describe('API basics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp('httpbasics', { MAX_JSON_BODY: '1kb' });
  });
  afterAll(() => app.close());

  it('answers liveness and readiness against the real database', async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('gives every response a request id, keeping a sane one from the caller', async () => {
    const own = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(own.headers.get('x-request-id')).toBe('abc-123');
    const insane = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': '<script>' } });
    expect(insane.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown paths with a JSON 404, and any /api path without a token with 401', async () => {
    const res = await fetch(`${app.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({
      error: { code: 'not_found', message: expect.stringContaining('/nothing-here') },
    });
    const api = await fetch(`${app.url}/api/nothing-here`);
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await api.json()).toMatchObject({ error: { code: 'missing_token' } });
  });

  const post = (body: string) =>
    fetch(`${app.url}/api/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('refuses malformed JSON with 400 invalid_json', async () => {
    const res = await post('{"a":');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('refuses oversized bodies with 413 payload_too_large', async () => {
    const res = await post(JSON.stringify({ filler: 'x'.repeat(2048) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('refuses MongoDB operator objects anywhere in a body or query string with 400', async () => {
    for (const body of [{ tenantId: { $ne: null } }, { a: [{ b: { $where: 'x' } }] }, { 'a.b': 1 }]) {
      const res = await post(JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'operator_not_allowed' } });
    }
    const res = await fetch(`${app.url}/api/anything?status[$ne]=x`);
    expect(res.status).toBe(400);
  });

  it('lets Office cache the add-in icons (no Cache-Control at all), caches hashed bundles for a year, re-reads pages', async () => {
    const icon = await fetch(`${app.url}/addin/assets/icon-80.png`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(icon.headers.get('cache-control')).toBeNull();
    expect(new Date(icon.headers.get('expires')!).getTime()).toBeGreaterThan(
      Date.now() + 300 * 24 * 3600_000,
    );

    const page = await fetch(`${app.url}/addin/taskpane.html`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const bundle = /src="?(taskpane\.[0-9a-f]{8,}\.js)/.exec(await page.text())?.[1];
    expect(bundle).toBeDefined();
    const script = await fetch(new URL(bundle!, `${app.url}/addin/taskpane.html`));
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('keeps the strict security headers on API responses', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('readiness without a database', () => {
  it('answers 503 database_unavailable with the reason once the database stops', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sam-readyz-'));
    const db = await startEmbeddedDb({ port: await freePort(), dataDir });
    const app = await startTestApp('readyzdown', { TEST_MONGODB_URI: db.uri });
    try {
      expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
      await db.stop();
      const res = await fetch(`${app.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        error: {
          code: 'database_unavailable',
          message: expect.stringMatching(/^The database is not reachable: .+/),
        },
      });
    } finally {
      await app.close();
      await db.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
