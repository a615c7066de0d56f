import type { IntegrationView } from '../../shared/api';
import { devCerts } from '../../scripts/lib/certs';
import { startTestApp, type TestApp } from '../support/app';
import {
  control,
  microsoftEnv,
  startTestEmulator,
  tenantNamed,
  type ScenarioUser,
  type TestEmulator,
} from '../support/emulator';
import { connectOrganization } from '../support/organization';
import { syncUntil } from '../support/sync';

type Progress = NonNullable<IntegrationView['initialSync']>;

/**
 * The admin watches a first sync: messages read of the folders' totals (Graph's mailFolder
 * totalItemCount, read when each folder's initial sync starts) and the time left.
 */
describe('initial sync progress', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof connectOrganization>>;
  let owner: ScenarioUser;
  let contosoId: string;

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 240 });
    app = await startTestApp('sync-progress', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      SYNC_PAGE_SIZE: '20',
      // Every page stored on its own, so progress moves page by page.
      SYNC_BATCH_MESSAGES: '20',
    });
    contosoId = tenantNamed(emulator, 'Contoso').id;
    admin = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    owner = tenantNamed(emulator, 'Contoso').users.find((u) => !u.plantedError && !u.isAdmin)!;
  });
  afterAll(async () => {
    await control(emulator, 'DELETE', 'faults').catch(() => undefined);
    await app?.close();
    await emulator?.stop();
  });

  it('shows messages read of the folders’ totals and an estimate of the time left, until the sync is done', async () => {
    const truth = await control<{ messages: Array<{ folder: 'inbox' | 'sentitems' }> }>(
      emulator,
      'GET',
      `mailboxes/${owner.id}/truth`,
    );
    const inFolder = (folder: string) => truth.messages.filter((m) => m.folder === folder).length;
    const total = inFolder('inbox') + inFolder('sentitems');
    expect(inFolder('inbox')).toBeGreaterThan(40);

    // Graph answers slowly for this mailbox, so the first sync takes seconds and can be watched.
    await control(emulator, 'PUT', 'faults', { latencyMs: 400, mailboxes: [owner.id] });
    await admin('POST', `/api/admin/tenants/${contosoId}/integrations`, {
      userIds: [owner.id],
      acknowledgeNoDeletion: true,
    });
    const seen: Progress[] = [];
    let last: IntegrationView | undefined;
    await syncUntil(
      app,
      async () => {
        const answer = await admin<{ integrations: IntegrationView[] }>(
          'GET',
          `/api/admin/integrations?tenantId=${contosoId}`,
        );
        last = answer.body.integrations.find((i) => i.userId === owner.id);
        if (last?.status === 'syncing' && last.initialSync) seen.push(last.initialSync);
        return last?.status === 'active';
      },
      { timeoutMs: 180_000 },
    );

    const withTotal = seen.filter((p) => p.messagesTotal !== null);
    expect(withTotal.length).toBeGreaterThan(0);
    for (const p of withTotal) {
      expect(p.messagesTotal).toBe(total);
      expect(p.messagesSeen).toBeLessThanOrEqual(total);
    }
    // Read counts only grow; while messages are left, there is an estimate once a rate is known.
    const counts = withTotal.map((p) => p.messagesSeen);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(
      withTotal.some((p) => p.messagesSeen > 0 && p.messagesSeen < total && p.secondsLeft !== null),
    ).toBe(true);
    expect(withTotal.every((p) => p.secondsLeft === null || p.secondsLeft >= 0)).toBe(true);
    // Done: no progress any more, and each folder kept the count Graph gave for it.
    expect(last!.initialSync).toBeNull();
    const stored = await app.database.db
      .collection<{ folders: Record<string, { totalItems?: number }> }>('integrations')
      .findOne({ _id: `${contosoId}|${owner.id}` as never });
    expect(stored!.folders.inbox!.totalItems).toBe(inFolder('inbox'));
    expect(stored!.folders.sentitems!.totalItems).toBe(inFolder('sentitems'));
  });
});
