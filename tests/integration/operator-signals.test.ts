import { Writable } from 'node:stream';
import { devCerts } from '../../scripts/lib/certs';
import type { TruthMessage } from '../../emulator';
import { createLogger } from '../../server/log';
import { startManagementServer, type ManagementServer } from '../../server/observability/management-server';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  plantedUser,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { parseMetrics, type Samples } from '../support/metrics';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';
import { expectedContactPoints } from '../support/truth';

/**
 * What an operator sees while mailboxes sync: Prometheus figures that move exactly as the
 * emulator's ground truth says, and logs at `info` that hold no email address, name or subject.
 */

describe('operator signals during a sync', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let management: ManagementServer;
  let admin: ReturnType<typeof apiClient>;
  let users: ScenarioUser[];
  let denied: ScenarioUser;
  const logLines: string[] = [];
  const scrapes: Samples[] = [];

  const scrape = async (): Promise<{ text: string; samples: Samples }> => {
    const text = await (await fetch(`http://127.0.0.1:${management.port}/metrics`)).text();
    return { text, samples: parseMetrics(text) };
  };
  const tenantOf = (user: ScenarioUser) =>
    emulator.scenario.tenants.find((t) => t.users.some((u) => u.id === user.id))!;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    emulator = await startTestEmulator({ messagesPerUser: 120 });
    app = await startTestApp(
      'signals',
      {
        ...microsoftEnv(emulator),
        TLS_CERT_FILE: devCerts.cert,
        TLS_KEY_FILE: devCerts.key,
        SYNC_LEASE_SECONDS: '10',
      },
      { log: createLogger('info', 'test-server', sink) },
    );
    management = await startManagementServer({
      host: '127.0.0.1',
      port: 0,
      db: app.database.db,
      log: app.log,
      ready: async () => undefined,
    });
    admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    users = tenantNamed(emulator, 'Contoso')
      .users.filter((u) => !u.isAdmin && !u.plantedError)
      .slice(0, 2);
    denied = plantedUser(emulator, 'access-denied');
    for (const user of [...users, denied]) {
      const started = await admin('POST', `/api/admin/tenants/${tenantOf(user).id}/integrations`, {
        userIds: [user.id],
        acknowledgeNoDeletion: true,
      });
      expect(started.status).toBe(200);
    }
  });
  afterAll(async () => {
    await management?.close();
    await app?.close();
    await emulator?.stop();
  });

  it('counters move during the sync exactly as the ground truth says', async () => {
    const before = (await scrape()).samples;
    expect(before.get('sam_integrations{status="queued"}')).toBe(3);
    // Three first syncs wait for a worker; no new mail is waiting.
    expect(before.get('sam_sync_queue_depth{lane="backfill"}')).toBe(3);
    expect(before.get('sam_sync_queue_depth{lane="incremental"}')).toBe(0);

    const statuses = async () =>
      (await app.database.db.collection('integrations').find({}).toArray()).map((i) => i.status as string);
    await syncUntil(app, async () => {
      scrapes.push((await scrape()).samples);
      const all = await statuses();
      return all.length === 3 && all.every((s) => s === 'active' || s === 'unauthorized');
    });
    const after = (await scrape()).samples;
    scrapes.push(after);

    const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
    let messages = 0;
    let contactPoints = 0;
    for (const user of users) {
      const truth = await control<{ messages: TruthMessage[] }>(
        emulator,
        'GET',
        `mailboxes/${user.id}/truth`,
      );
      messages += truth.messages.length;
      contactPoints += (await expectedContactPoints(emulator, user)).size;
    }
    expect(contactPoints).toBeGreaterThan(20);
    expect(delta('sam_sync_messages_read_total')).toBe(messages);
    expect(delta('sam_sync_contact_points_stored_total')).toBe(contactPoints);
    expect(delta('sam_sync_runs_total{outcome="success"}')).toBe(2);
    expect(delta('sam_graph_requests_total{status="200"}')).toBeGreaterThan(0);
    expect(delta('sam_graph_requests_total{status="403"}')).toBeGreaterThan(0);
    expect(after.get('sam_integrations{status="active"}')).toBe(2);
    expect(after.get('sam_integrations{status="unauthorized"}')).toBe(1);
    expect(after.get('sam_integrations{status="queued"}')).toBe(0);
    expect(after.get('sam_sync_leases_held')).toBe(0);
    // Nothing is waiting: the synced mailboxes are next due at the poll interval.
    expect(after.get('sam_sync_lag_seconds')).toBe(0);
    expect(after.get('sam_sync_queue_depth{lane="backfill"}')).toBe(0);
    expect(after.get('sam_sync_queue_depth{lane="incremental"}')).toBe(0);

    // Counters only ever grow between scrapes.
    for (const name of ['sam_sync_messages_read_total', 'sam_sync_contact_points_stored_total']) {
      const values = scrapes.map((s) => s.get(name) ?? 0);
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });

  it('logs at info carry route patterns and no address, name or subject from the mailboxes', async () => {
    const owner = users[0]!;
    const truth = await control<{ messages: TruthMessage[] }>(emulator, 'GET', `mailboxes/${owner.id}/truth`);
    const external = [...new Set(truth.messages.flatMap((m) => m.participants.filter((p) => p.external)))];
    const someone = external[0]!.address;
    const domain = someone.split('@')[1]!;
    const reader = apiClient(app.url, await userToken(emulator, owner));
    expect(
      (
        await reader(
          'GET',
          `/api/contacts?emails=${encodeURIComponent(
            external
              .slice(0, 5)
              .map((p) => p.address)
              .join(','),
          )}`,
        )
      ).status,
    ).toBe(200);
    expect((await reader('GET', `/api/contacts/${encodeURIComponent(someone)}/contact-points`)).status).toBe(
      200,
    );
    expect((await reader('GET', `/api/companies/${encodeURIComponent(domain)}`)).status).toBe(200);
    expect(
      (await reader('GET', `/api/contacts/${encodeURIComponent('not an address')}/contact-points`)).status,
    ).toBe(400);
    const search = await admin(
      'GET',
      `/api/admin/tenants/${tenantOf(owner).id}/users?search=${encodeURIComponent(owner.displayName.split(' ')[0]!)}`,
    );
    expect(search.status).toBe(200);
    // What a colleague types in the search box: a name, an address, a company's domain.
    const named = external.find((p) => p.name.length >= 6)!;
    const typed = [named.name, named.address];
    for (const q of [...typed, domain])
      expect((await reader('GET', `/api/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    expect(
      (await reader('GET', `/api/search?kind=person&q=${encodeURIComponent(named.name.split(' ')[0]!)}`))
        .status,
    ).toBe(200);
    expect((await reader('GET', `/api/colleagues/${owner.id}`)).status).toBe(200);

    const output = logLines.join('\n');
    const requests = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
    expect(requests.map((r) => r.route)).toEqual(
      expect.arrayContaining([
        '/api/contacts',
        '/api/contacts/:email/contact-points',
        '/api/companies/:domain',
        '/api/admin/tenants/:tenantId/users',
        '/api/search',
        '/api/colleagues/:userId',
      ]),
    );
    expect(requests.every((r) => !('path' in r) && !('url' in r))).toBe(true);

    const personal = new Set<string>();
    for (const user of [...users, denied]) {
      personal.add(user.mail.toLowerCase());
      personal.add(user.userPrincipalName.toLowerCase());
      personal.add(user.displayName.toLowerCase());
      const mailbox = await control<{ messages: TruthMessage[] }>(
        emulator,
        'GET',
        `mailboxes/${user.id}/truth`,
      );
      for (const m of mailbox.messages) {
        for (const p of [m.from, ...m.to, ...m.cc]) {
          personal.add(p.address.toLowerCase());
          if (p.name.length >= 6) personal.add(p.name.toLowerCase());
        }
        if (m.subject.length >= 8) personal.add(m.subject.toLowerCase());
      }
    }
    for (const q of typed) personal.add(q.toLowerCase());
    expect(personal.size).toBeGreaterThan(100);
    const lower = output.toLowerCase();
    // As written, and as a URL path carries it (percent-encoded).
    const leaked = [...personal].filter(
      (value) => lower.includes(value) || lower.includes(encodeURIComponent(value).toLowerCase()),
    );
    expect(leaked).toEqual([]);
    expect(logLines.length).toBeGreaterThan(20);

    // The same holds for /metrics: route patterns, never paths.
    const metrics = (await scrape()).text;
    expect(metrics).toContain('route="/api/contacts/:email/contact-points"');
    expect(metrics).not.toContain(someone);
  });
});
