import { rateLimitWindows, sweepRateLimitWindows } from '../../server/http/rate-limit-store';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  adminOf,
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type TestEmulator,
} from '../support/emulator';

/**
 * Request rate limits: per user (from the validated token) and per IP address, counted in the
 * database so that they hold across API instances, with 429 + Retry-After + the API's error body;
 * separate limits for the consent round trip and Graph's webhooks.
 */

// A day-long window: no test here can straddle two windows by bad luck.
const day = '86400';

describe('rate limits', () => {
  let emulator: TestEmulator;
  let first: TestApp;
  let second: TestApp;
  const started: TestApp[] = [];

  async function app(label: string, env: NodeJS.ProcessEnv): Promise<TestApp> {
    const running = await startTestApp(label, {
      ...microsoftEnv(emulator),
      RATE_LIMIT_WINDOW_SECONDS: day,
      ...env,
    });
    started.push(running);
    return running;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 1 });
    // Fabrikam's admin consented to the app, so its users can sign in (its users may not consent themselves).
    await control(emulator, 'PUT', `tenants/${tenantNamed(emulator, 'Fabrikam').id}/consent`, {
      granted: true,
    });
    const limits = {
      RATE_LIMIT_API_PER_USER: '5',
      RATE_LIMIT_SEARCH_PER_USER: '2',
      RATE_LIMIT_API_PER_IP: '1000',
      RATE_LIMIT_CONSENT_PER_IP: '2',
      RATE_LIMIT_WEBHOOK_PER_IP: '2',
    };
    first = await app('ratelimits', limits);
    // A second API instance on the same database, as behind a load balancer.
    second = await app('ratelimits2', { ...limits, MONGODB_DB_NAME: first.database.name });
  });
  afterAll(async () => {
    for (const running of started) await running.close();
    await emulator?.stop();
  });

  const users = () => tenantNamed(emulator, 'Fabrikam').users.filter((u) => !u.isAdmin && !u.plantedError);

  it('a user gets 5 requests across both instances, then 429 with Retry-After and the error body; another user is unaffected', async () => {
    const [user, other] = users();
    const token = await userToken(emulator, user!);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const instance = i % 2 === 0 ? first : second;
      statuses.push((await apiClient(instance.url, token)('GET', '/api/me')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await apiClient(second.url, token)('GET', '/api/me');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(refused.body).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many requests from your account. Wait a moment and try again.',
        requestId: refused.headers.get('x-request-id'),
      },
    });
    expect((await apiClient(first.url, await userToken(emulator, other!))('GET', '/api/me')).status).toBe(
      200,
    );
  });

  it('counts exactly under concurrency: of 20 simultaneous requests on two instances, 5 pass', async () => {
    const user = users()[2]!;
    const token = await userToken(emulator, user);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        apiClient(i % 2 ? first.url : second.url, token)('GET', '/api/me'),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('counts searches on their own as well: 2 across both instances, then 429, while other requests still pass', async () => {
    const user = users()[3]!;
    const token = await userToken(emulator, user);
    // Not registered, so each search that passes the limit is refused with 403; the limit comes first.
    const search = (app: TestApp, q: string) =>
      apiClient(app.url, token)<{ error: { code: string } }>('GET', `/api/search?q=${q}`);
    const answers = [await search(first, 'ta'), await search(second, 'tan')];
    expect(answers.map((a) => a.body.error.code)).toEqual(['tenant_not_registered', 'tenant_not_registered']);
    const refused = await search(first, 'tana');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body).toEqual({
      error: {
        code: 'rate_limited',
        message: 'Too many searches from your account. Wait a moment and try again.',
        requestId: refused.headers.get('x-request-id'),
      },
    });
    // The searches counted towards the API's limit too (3 of 5): two more requests pass, then none.
    const me = async () => (await apiClient(second.url, token)('GET', '/api/me')).status;
    expect([await me(), await me(), await me()]).toEqual([200, 200, 429]);
  });

  it('limits the consent round trip per address, separately from the API', async () => {
    const callback = (app: TestApp) => fetch(`${app.url}/auth/consent/callback?state=${'A'.repeat(43)}`);
    expect((await callback(first)).status).toBe(400);
    expect((await callback(second)).status).toBe(400);
    const refused = await callback(first);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    // The API's own counter for this address is untouched.
    const admin = apiClient(first.url, await userToken(emulator, adminOf(emulator, 'Contoso')));
    expect((await admin('GET', '/api/me')).status).toBe(200);
  });

  it('limits Graph webhooks per address', async () => {
    const handshake = (app: TestApp) =>
      fetch(`${app.url}/webhooks/graph/notifications?validationToken=hello`, { method: 'POST' });
    expect((await handshake(first)).status).toBe(200);
    expect((await handshake(second)).status).toBe(200);
    const refused = await handshake(second);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('stores no address or user id, and sweeps windows that have ended', async () => {
    const windows = await rateLimitWindows(first.database.db).find({}).toArray();
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows)
      expect(w._id).toMatch(/^(api_ip|api_user|search_user|consent_ip|webhook_ip)\|[A-Za-z0-9_-]{22}\|\d+$/);
    const everything = JSON.stringify(windows);
    expect(everything).not.toContain('127.0.0.1');
    for (const user of users()) expect(everything).not.toContain(user.id);

    await rateLimitWindows(first.database.db).insertOne({
      _id: 'api_user|AAAAAAAAAAAAAAAAAAAAAA|0',
      hits: 3,
      expiresAt: new Date(86_400_000),
    });
    expect(await sweepRateLimitWindows(first.database.db)).toBe(1);
    expect(await rateLimitWindows(first.database.db).countDocuments({})).toBe(windows.length);
  });
});

describe('per-address limit on the API', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    const env = { RATE_LIMIT_API_PER_IP: '3', RATE_LIMIT_WINDOW_SECONDS: day };
    direct = await startTestApp('ratelimitip', env);
    proxied = await startTestApp('ratelimitproxy', { ...env, TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  const call = (app: TestApp, forwardedFor: string) =>
    fetch(`${app.url}/api/me`, { headers: { 'x-forwarded-for': forwardedFor } });

  it('refuses a flood before any token is checked, and a forged X-Forwarded-For does not escape it', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(direct, `203.0.113.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('behind a trusted proxy, counts each client address the proxy names', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(proxied, '198.51.100.7')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await call(proxied, '198.51.100.8')).status).toBe(401);
  });
});
