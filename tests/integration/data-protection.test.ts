import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { devCerts } from '../../scripts/lib/certs';
import { startEmbeddedDb, type EmbeddedDb } from '../../scripts/lib/embedded-db';
import { freePort } from '../../scripts/lib/ports';
import type { TruthMessage } from '../../emulator';
import { auditLog } from '../../server/audit/log';
import { createLogger } from '../../server/log';
import { startHousekeeping } from '../../server/housekeeping';
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
import { runScript } from '../support/processes';
import { syncUntil } from '../support/sync';

/**
 * Data protection: a dump of the database restored into a fresh embedded database serves the
 * same answers, and audit entries go when their retention period ends.
 */
describe('backup and restore', () => {
  let emulator: TestEmulator;
  let app: TestApp;
  let restored: TestApp | undefined;
  let fresh: EmbeddedDb | undefined;
  let admin: ReturnType<typeof apiClient>;
  let owner: ScenarioUser;
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ messagesPerUser: 60 });
    app = await startTestApp('backup', {
      ...microsoftEnv(emulator),
      TLS_CERT_FILE: devCerts.cert,
      TLS_KEY_FILE: devCerts.key,
      AUDIT_RETENTION_DAYS: '30',
    });
    admin = await connectOrganization(app, emulator, ['Contoso'], { settings: { backfillDays: 3650 } });
    owner = tenantNamed(emulator, 'Contoso').users.find((u) => !u.isAdmin && !u.plantedError)!;
    await admin('POST', `/api/admin/tenants/${tenantNamed(emulator, 'Contoso').id}/integrations`, {
      userIds: [owner.id],
      acknowledgeNoDeletion: true,
    });
    await syncUntil(
      app,
      async () =>
        (await app.database.db.collection('integrations').findOne({ userId: owner.id }))?.status === 'active',
    );
  });
  afterAll(async () => {
    await restored?.close();
    await fresh?.stop();
    await app?.close();
    await emulator?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('a dump restored into a fresh embedded database answers exactly as the original', async () => {
    const truth = await control<{ messages: TruthMessage[] }>(emulator, 'GET', `mailboxes/${owner.id}/truth`);
    const people = [
      ...new Set(
        truth.messages.flatMap((m) => m.participants.filter((p) => p.external).map((p) => p.address)),
      ),
    ];
    const reader = apiClient(app.url, await userToken(emulator, owner));
    const lookup = `/api/contacts?emails=${encodeURIComponent(people.slice(0, 5).join(','))}`;
    const history = `/api/contacts/${encodeURIComponent(people[0]!)}/contact-points`;
    const before = {
      lookup: (await reader('GET', lookup)).body,
      history: (await reader('GET', history)).body,
      audit: (await admin('GET', '/api/admin/audit')).body,
      integrations: (await admin('GET', '/api/admin/integrations')).body,
    };
    expect(JSON.stringify(before.lookup)).toContain('"sent"');

    const dump = path.join(tempDir('sam-dump-'), 'dump');
    const dumped = runScript(
      'server/backup/cli.ts',
      { MONGODB_URI: app.database.uri, MONGODB_DB_NAME: app.database.name },
      ['dump', '--out', dump],
    );
    expect(await dumped.exited).toBe(0);
    expect(dumped.output()).toMatch(/^Dumped \d+ documents of \d+ collections to /);

    fresh = await startEmbeddedDb({ port: await freePort(), dataDir: tempDir('sam-restore-db-') });
    const restore = (args: string[] = []) =>
      runScript('server/backup/cli.ts', { MONGODB_URI: fresh!.uri, MONGODB_DB_NAME: 'smart_activity' }, [
        'restore',
        '--from',
        dump,
        ...args,
      ]);
    const first = restore();
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/^Restored \d+ documents/);
    // Restoring over data is refused unless asked for; asked for, it ends in the same state.
    const again = restore();
    expect(await again.exited).toBe(1);
    expect(again.output()).toMatch(
      /already holds \d+ documents; restore into an empty database or pass --replace/,
    );
    expect(await restore(['--replace']).exited).toBe(0);

    restored = await startTestApp('restored', {
      ...microsoftEnv(emulator),
      TEST_MONGODB_URI: fresh.uri,
      MONGODB_DB_NAME: 'smart_activity',
    });
    const readerThere = apiClient(restored.url, await userToken(emulator, owner));
    const adminThere = apiClient(
      restored.url,
      await userToken(
        emulator,
        tenantNamed(emulator, 'Contoso').users.find((u) => u.isAdmin)!,
      ),
    );
    expect({
      lookup: (await readerThere('GET', lookup)).body,
      history: (await readerThere('GET', history)).body,
      audit: (await adminThere('GET', '/api/admin/audit')).body,
      integrations: (await adminThere('GET', '/api/admin/integrations')).body,
    }).toEqual(before);
  });

  it('audit entries older than AUDIT_RETENTION_DAYS are removed by the workers’ housekeeping', async () => {
    const orgId = `org-${tenantNamed(emulator, 'Contoso').id}`;
    const longAgo = Date.now() - 40 * 24 * 3600_000;
    await auditLog(app.database.db).insertOne({
      _id: `${longAgo.toString(36).padStart(9, '0')}-old-entry`,
      orgId,
      at: new Date(longAgo),
      actor: { userId: 'u', userPrincipalName: 'someone', tenantId: 't' },
      action: 'settings.changed',
      target: {},
      details: {},
    });
    const count = async () =>
      ((await admin('GET', '/api/admin/audit')).body as { entries: unknown[] }).entries.length;
    const withOld = await count();
    const housekeeping = startHousekeeping(app.database.db, app.config, createLogger('silent', 'test'));
    try {
      const deadline = Date.now() + 30_000;
      while ((await auditLog(app.database.db).countDocuments({ _id: { $regex: /-old-entry$/ } })) > 0) {
        if (Date.now() > deadline) throw new Error('the old audit entry was not removed');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      housekeeping.stop();
    }
    expect(await count()).toBe(withOld - 1);
    expect(withOld - 1).toBeGreaterThan(0); // this run's own entries (consent, enabling, start) stay
  });
});
