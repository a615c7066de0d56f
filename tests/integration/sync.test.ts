import { companyPageLimit } from '../../server/contacts/company-view';
import { DriverError } from '../../server/sync/driver';
import { devCerts } from '../../scripts/lib/certs';
import { apiClient } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  userToken,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { driverWith, syncUntil } from '../support/sync';
import { expectedContactPoints, totalsByPerson } from '../support/truth';

type ContactsBody = {
  hiddenByDisplaySetting: boolean;
  contacts: Array<{
    email: string;
    internal: boolean;
    known?: boolean;
    totals?: { sent: number; received: number };
    recent?: Array<{ at: string; direction: 'sent' | 'received' }>;
  }>;
};

/**
 * Mailbox extraction end to end: Graph delta through the real Graph client into the embedded
 * database, checked against the emulator's ground truth.
 */
describe('mailbox sync', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let admin: ReturnType<typeof apiClient>;
  let owner: ScenarioUser;
  let contosoId: string;
  const points = (userId: string) => app.database.db.collection('contactPoints').find({ userId }).toArray();
  const integrationOf = (userId: string) =>
    app.database.db.collection('integrations').findOne({ _id: `${contosoId}|${userId}` as never });

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 600 });
    app = await startTestApp('sync', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      GRAPH_SUBSCRIPTIONS: 'on',
      SYNC_POLL_INTERVAL_SECONDS: '3600', // only notifications (or an explicit request) wake a mailbox here
      SYNC_PAGE_SIZE: '50',
      SYNC_LEASE_SECONDS: '10',
    });
    contosoId = tenantNamed(emulator, 'Contoso').id;
    admin = await connectOrganization(app, emulator, ['Contoso', 'Contoso Japan'], {
      settings: { backfillDays: 3650 },
    });
    owner = tenantNamed(emulator, 'Contoso').users.find((u) => !u.plantedError && !u.isAdmin)!;
    await admin('POST', `/api/admin/tenants/${contosoId}/integrations`, {
      userIds: [owner.id],
      acknowledgeNoDeletion: true,
    });
  });
  afterAll(async () => {
    await app?.close();
    await emulator?.stop();
  });

  it('initial sync stores exactly the ground-truth contact points, and the contacts API totals match', async () => {
    await syncUntil(app, async () => (await integrationOf(owner.id))?.status === 'active');
    const expected = await expectedContactPoints(emulator, owner);
    const stored = await points(owner.id);
    expect(expected.size).toBeGreaterThan(100);
    expect(stored.map((p) => p.internetMessageId).sort()).toEqual([...expected.keys()].sort());
    for (const p of stored) {
      const want = expected.get(p.internetMessageId)!;
      expect({
        id: p.internetMessageId,
        direction: p.direction,
        external: p.external.map((e: { email: string }) => e.email).sort(),
      }).toEqual({
        id: want.internetMessageId,
        direction: want.direction,
        external: want.external,
      });
    }

    const totals = totalsByPerson(expected.values());
    const people = [...totals.keys()].slice(0, 50);
    const user = apiClient(app.url, await userToken(emulator, owner));
    const answer = await user<ContactsBody>(
      'GET',
      `/api/contacts?emails=${people.map(encodeURIComponent).join(',')}`,
    );
    expect(answer.status).toBe(200);
    for (const contact of answer.body.contacts) {
      expect({
        email: contact.email,
        sent: contact.totals?.sent,
        received: contact.totals?.received,
      }).toEqual({
        email: contact.email,
        ...totals.get(contact.email),
      });
      // The card's timeline: this person's newest five contact points.
      const newest = [...expected.values()]
        .filter((p) => p.external.includes(contact.email))
        .map((p) => `${new Date(p.at).toISOString()} ${p.direction}`)
        .sort()
        .reverse()
        .slice(0, 5);
      expect(contact.recent?.map((r) => `${r.at} ${r.direction}`)).toEqual(newest);
    }
    const integration = (
      await admin<{
        integrations: Array<{ userId: string; counts: { contactPoints: number }; initialSync: unknown }>;
      }>('GET', '/api/admin/integrations')
    ).body.integrations.find((i) => i.userId === owner.id)!;
    expect(integration.counts.contactPoints).toBe(expected.size);
    expect(integration.initialSync).toBeNull();
  });

  it('pages through the whole history of a person, newest first, and summarises their company', async () => {
    const expected = await expectedContactPoints(emulator, owner);
    const totals = totalsByPerson(expected.values());
    const [busiest, counts] = [...totals.entries()].sort(
      (a, b) => b[1].sent + b[1].received - (a[1].sent + a[1].received),
    )[0]!;
    const user = apiClient(app.url, await userToken(emulator, owner));
    const items: Array<{ at: string; direction: string; colleague: { userId: string } }> = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: typeof items; nextCursor: string | null } } = await user(
        'GET',
        `/api/contacts/${busiest}/contact-points${cursor ? `?cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(items.length).toBe(counts.sent + counts.received);
    expect(items.filter((i) => i.direction === 'sent').length).toBe(counts.sent);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort().reverse());
    expect(new Set(items.map((i) => i.colleague.userId))).toEqual(new Set([owner.id]));

    const domain = busiest.split('@')[1]!;
    const company = await user<{
      company: { domain: string; people: number } | null;
      people: Array<{ email: string }>;
      colleagues: Array<{ userId: string }>;
    }>('GET', `/api/companies/${domain}`);
    const peopleThere = [...totals.keys()].filter((e) => e.endsWith(`@${domain}`));
    if (company.body.company) {
      expect(company.body.company.people).toBe(peopleThere.length);
      expect(company.body.people.map((p) => p.email).sort()).toEqual(peopleThere.sort());
      expect(company.body.colleagues.map((c) => c.userId)).toEqual([owner.id]);
    } else {
      expect(['gmail.com', 'outlook.com', 'yahoo.co.jp', 'hotmail.com', 'yahoo.com']).toContain(domain); // free mail: no company
    }
  });

  it('answers a company of more people than its view reads from those first met most recently', async () => {
    const domain = 'bigsupplier.example.com';
    const started = Date.parse('2026-01-01T00:00:00Z');
    let last = '';
    for (let i = 0; i < companyPageLimit + 5; i++) {
      const m = await control<{ internetMessageId: string }>(
        emulator,
        'POST',
        `mailboxes/${owner.id}/messages`,
        {
          from: { name: `Person ${i}`, address: `p${i}@${domain}` },
          to: [{ name: owner.displayName, address: owner.mail }],
          cc: [],
          subject: `Order ${i}`,
          body: 'Thank you.',
          receivedDateTime: new Date(started + i * 60_000).toISOString(),
        },
      );
      last = m.internetMessageId;
    }
    await syncUntil(app, async () => (await points(owner.id)).some((p) => p.internetMessageId === last), {
      timeoutMs: 30_000,
    });
    const user = apiClient(app.url, await userToken(emulator, owner));
    const company = await user<{
      company: { people: number } | null;
      people: Array<{ email: string }>;
    }>('GET', `/api/companies/${domain}`);
    expect(company.body.company?.people).toBe(companyPageLimit + 5);
    expect(company.body.people.map((p) => p.email).sort()).toEqual(
      Array.from({ length: companyPageLimit }, (_, i) => `p${i + 5}@${domain}`).sort(),
    );
    const lookup = await user<{ companies: Array<{ domain: string; people: number }> }>(
      'GET',
      `/api/contacts?emails=p0@${domain}`,
    );
    expect(lookup.body.companies).toEqual([
      expect.objectContaining({ domain, people: companyPageLimit + 5 }),
    ]);
  });

  it('subscribes to change notifications and picks up new mail through them', async () => {
    const subscriptions = await control<{
      value: Array<{ id: string; resource: string; clientState?: string }>;
    }>(emulator, 'GET', 'subscriptions');
    expect(subscriptions.value.filter((s) => s.resource.includes(owner.id))).toHaveLength(1);

    const before = (await points(owner.id)).length;
    const delivered = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${owner.id}/messages`,
      {},
    );
    await syncUntil(
      app,
      async () => (await points(owner.id)).some((p) => p.internetMessageId === delivered.internetMessageId),
      { timeoutMs: 20_000 },
    );
    expect((await points(owner.id)).length).toBe(before + 1);
  });

  type Sub = { id: string; resource: string; expirationDateTime: string };
  const subscriptionsOfOwner = async () =>
    (await control<{ value: Sub[] }>(emulator, 'GET', 'subscriptions')).value.filter((s) =>
      s.resource.includes(owner.id),
    );
  const job = () =>
    app.database.db.collection('syncJobs').findOne({ _id: `${contosoId}|${owner.id}` as never });
  /** Graph posts a lifecycle event; its delivery must have been accepted, and the webhook has scheduled the mailbox. */
  const lifecycleEvent = async (subscriptionId: string, event: string) => {
    const requestBefore = (await job())?.request;
    const sent = await control<{ delivery: number | string }>(
      emulator,
      'POST',
      `subscriptions/${subscriptionId}/lifecycle`,
      { event },
    );
    expect(sent.delivery).toBe(202);
    // The webhook answers 202 before it schedules: wait for its request to reach the job.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      if ((await job())?.request !== requestBefore) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the ${event} event never reached the mailbox's job`);
  };

  it('answers lifecycle events: reauthorizes, subscribes again after removal, reads the mailbox after missed notifications', async () => {
    const [before] = await subscriptionsOfOwner();
    await new Promise((r) => setTimeout(r, 1100)); // a renewal must be visibly later
    await lifecycleEvent(before!.id, 'reauthorizationRequired');
    await syncUntil(app, async () => {
      const [now] = await subscriptionsOfOwner();
      return now?.id === before!.id && now.expirationDateTime > before!.expirationDateTime;
    });

    await lifecycleEvent(before!.id, 'subscriptionRemoved');
    await syncUntil(app, async () => {
      const now = await subscriptionsOfOwner();
      return now.length === 1 && now[0]!.id !== before!.id;
    });

    const lastSync = (await integrationOf(owner.id))!.lastSyncAt as Date;
    const [current] = await subscriptionsOfOwner();
    await lifecycleEvent(current!.id, 'missed');
    expect((await job())?.reason).toBe('resync');
    await syncUntil(app, async () => ((await integrationOf(owner.id))!.lastSyncAt as Date) > lastSync);
  }, 150_000);

  it('a reauthorization Graph fails to carry out stays owed, and the next run carries it out', async () => {
    const [before] = await subscriptionsOfOwner();
    await new Promise((r) => setTimeout(r, 1100)); // a renewal must be visibly later
    await lifecycleEvent(before!.id, 'reauthorizationRequired');
    const lastSync = (await integrationOf(owner.id))!.lastSyncAt as Date;
    let refused = 0;
    await syncUntil(app, async () => ((await integrationOf(owner.id))!.lastSyncAt as Date) > lastSync, {
      driverFor: driverWith(app, {
        renewSubscription: async () => {
          refused++;
          throw new DriverError(
            { kind: 'retry' },
            {
              code: 'ServiceUnavailable',
              httpStatus: 503,
              message: 'Service unavailable',
              retryAfterMs: null,
            },
          );
        },
      }),
    });
    expect(refused).toBeGreaterThan(0);
    expect((await job())?.reauthorize).toBe(true);
    expect((await integrationOf(owner.id))!.subscription?.error).toMatch(/ServiceUnavailable/);
    const [unchanged] = await subscriptionsOfOwner();
    expect(unchanged!.expirationDateTime).toBe(before!.expirationDateTime);

    // New mail wakes the mailbox; this time Graph answers, and the reauthorization is carried out.
    await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {});
    await syncUntil(app, async () => {
      const [now] = await subscriptionsOfOwner();
      return now?.id === before!.id && now.expirationDateTime > before!.expirationDateTime;
    });
    expect((await job())?.reauthorize).toBe(false);
  }, 150_000);

  it('counts messages it cannot read, and skips them without stopping the mailbox', async () => {
    const before = (await integrationOf(owner.id))!.counts.skipped as number;
    await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {
      from: { name: 'Broken', address: 'not-an-address' },
      to: [{ name: owner.displayName, address: owner.mail }],
      cc: [],
      subject: 'Unreadable sender',
      body: 'x',
    });
    const good = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${owner.id}/messages`,
      {},
    );
    await syncUntil(app, async () =>
      (await points(owner.id)).some((p) => p.internetMessageId === good.internetMessageId),
    );
    expect((await integrationOf(owner.id))!.counts.skipped).toBe(before + 1);
    expect((await integrationOf(owner.id))!.status).toBe('active');
  });

  it('recovers from an expired delta token by reading the folders again, without duplicates', async () => {
    await control(emulator, 'POST', `mailboxes/${owner.id}/expire-delta`);
    const delivered = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${owner.id}/messages`,
      {},
    );
    await syncUntil(
      app,
      async () => (await points(owner.id)).some((p) => p.internetMessageId === delivered.internetMessageId),
      { timeoutMs: 30_000 },
    );
    const expected = await expectedContactPoints(emulator, owner);
    expect((await points(owner.id)).map((p) => p.internetMessageId).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    expect((await integrationOf(owner.id))?.status).toBe('active');
  });

  it('pauses while Smart Activity Management is disabled, and catches up when enabled again', async () => {
    await admin('PUT', '/api/admin/activity-management', { enabled: false });
    const delivered = await control<{ internetMessageId: string }>(
      emulator,
      'POST',
      `mailboxes/${owner.id}/messages`,
      {},
    );
    const has = async () =>
      (await points(owner.id)).some((p) => p.internetMessageId === delivered.internetMessageId);
    await syncUntil(app, async () => true); // a worker runs…
    await new Promise((r) => setTimeout(r, 1500));
    await syncUntil(app, async () => true);
    expect(await has()).toBe(false); // …but claims nothing of a disabled organisation
    const paused = (
      await admin<{ integrations: Array<{ userId: string; paused: boolean }> }>(
        'GET',
        '/api/admin/integrations',
      )
    ).body.integrations;
    expect(paused.find((i) => i.userId === owner.id)?.paused).toBe(true);

    await admin('PUT', '/api/admin/activity-management', { enabled: true });
    await syncUntil(app, has, { timeoutMs: 20_000 });
  });

  it('unlinking stops extraction and the change notifications at once, keeping what was extracted', async () => {
    const kept = (await points(owner.id)).length;
    await admin('POST', `/api/admin/tenants/${contosoId}/integrations/${owner.id}/unlink`);
    const subscriptions = await control<{ value: Array<{ resource: string }> }>(
      emulator,
      'GET',
      'subscriptions',
    );
    expect(subscriptions.value.filter((s) => s.resource.includes(owner.id))).toHaveLength(0);
    await control(emulator, 'POST', `mailboxes/${owner.id}/messages`, {});
    await new Promise((r) => setTimeout(r, 1000));
    await syncUntil(app, async () => true);
    expect((await points(owner.id)).length).toBe(kept);
  });
});

describe('mailbox sync without change notifications', () => {
  it('polling alone picks up new mail', async () => {
    const emulator = await startTestEmulator({ messagesPerUser: 60 });
    const app = await startTestApp('syncpoll', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_POLL_INTERVAL_SECONDS: '1',
    });
    try {
      const admin = await connectOrganization(app, emulator, ['Contoso']);
      const contoso = tenantNamed(emulator, 'Contoso');
      const owner = contoso.users.find((u) => !u.plantedError && !u.isAdmin)!;
      await admin('POST', `/api/admin/tenants/${contoso.id}/integrations`, {
        userIds: [owner.id],
        acknowledgeNoDeletion: true,
      });
      const points = () => app.database.db.collection('contactPoints').find({ userId: owner.id }).toArray();
      await syncUntil(
        app,
        async () =>
          (await app.database.db.collection('integrations').findOne({ userId: owner.id }))?.status ===
          'active',
      );
      expect((await control<{ value: unknown[] }>(emulator, 'GET', 'subscriptions')).value).toHaveLength(0);
      const delivered = await control<{ internetMessageId: string }>(
        emulator,
        'POST',
        `mailboxes/${owner.id}/messages`,
        {},
      );
      await syncUntil(
        app,
        async () => (await points()).some((p) => p.internetMessageId === delivered.internetMessageId),
        { timeoutMs: 20_000 },
      );
    } finally {
      await app.close();
      await emulator.stop();
    }
  });
});
