import type { CommandStartedEvent } from 'mongodb';
import { touchedFields, updateHeld } from '../../server/db/held-update';
import { emptyFolders, integrations, type IntegrationDoc } from '../../server/integrations/store';
import { databaseStore, StaleRunError } from '../../server/sync/mailbox-sync';
import { recordRunSuccess } from '../../server/sync/run-outcome';
import { openTestDatabase, type TestDatabase } from '../support/database';

/**
 * A sync run's writes to its integration are addressed by `_id` alone (the embedded database
 * reads the whole collection for any other filter) and still change nothing once the mailbox was
 * unlinked or restarted under the run.
 */
describe('writes a run makes to the integration it holds', () => {
  let database: TestDatabase;
  const commands: CommandStartedEvent[] = [];
  beforeAll(async () => {
    database = await openTestDatabase('heldupdate', undefined, true);
    database.client.on('commandStarted', (e) => commands.push(e));
  });
  afterAll(() => database.close());

  const integration = (id: string): IntegrationDoc =>
    ({
      _id: id,
      orgId: 'org-held',
      tenantId: 'tenant-held',
      userId: id,
      userPrincipalName: `${id}@contoso.example`,
      mail: `${id}@contoso.example`,
      displayName: 'Held Mailbox',
      status: 'syncing',
      lastError: null,
      folders: emptyFolders(),
      counts: { messages: 0, skipped: 0 },
      lastSyncAt: null,
      startedAt: new Date('2026-11-01T00:00:00Z'),
      startedBy: null,
      unlinkedAt: null,
      unlinkedBy: null,
      generation: 3,
    }) as IntegrationDoc;

  const progress = {
    $set: { 'folders.inbox.nextLink': 'https://graph.example/next?page=2' },
    $inc: { 'folders.inbox.messagesSeen': 50, 'counts.messages': 50, 'counts.skipped': 1 },
    $max: { 'pointMonths.2026-11': 12 },
  };

  /** The filters of the updates sent to the integrations collection since `from`. */
  const integrationWriteFilters = (from: number) =>
    commands
      .slice(from)
      .filter(
        (c) =>
          (c.commandName === 'update' || c.commandName === 'findAndModify') &&
          c.command[c.commandName] === 'integrations',
      )
      .map((c) =>
        c.commandName === 'update'
          ? (c.command.updates as Array<{ q: object }>).map((u) => u.q)
          : [c.command.query as object],
      )
      .flat();

  it('a run still holding the integration stores its progress, addressing it by _id alone', async () => {
    const doc = integration('held-current');
    await integrations(database.db).insertOne(doc);
    const from = commands.length;
    await databaseStore.saveProgress(database.db, doc, progress);
    await recordRunSuccess(database.db, doc);
    const after = await integrations(database.db).findOne({ _id: doc._id });
    expect(after?.folders.inbox?.nextLink).toBe('https://graph.example/next?page=2');
    expect(after?.folders.inbox?.messagesSeen).toBe(50);
    expect(after?.counts).toEqual({ messages: 50, skipped: 1 });
    expect(after?.pointMonths).toEqual({ '2026-11': 12 });
    expect(after?.status).toBe('active');
    expect(after?.firstSyncedAt).toBeInstanceOf(Date);
    const filters = integrationWriteFilters(from);
    expect(filters.length).toBeGreaterThanOrEqual(2);
    for (const filter of filters) expect(filter).toEqual({ _id: doc._id });
  });

  it('after an unlink under the run, its progress and success change nothing', async () => {
    const doc = integration('held-unlinked');
    await integrations(database.db).insertOne(doc);
    await integrations(database.db).updateOne(
      { _id: doc._id },
      { $set: { status: 'unlinked', unlinkedAt: new Date() }, $inc: { generation: 1 } },
    );
    const unlinked = await integrations(database.db).findOne({ _id: doc._id });
    await expect(databaseStore.saveProgress(database.db, doc, progress)).rejects.toBeInstanceOf(
      StaleRunError,
    );
    await recordRunSuccess(database.db, doc);
    // Exactly as the unlink left it: no cursor, no counts, no month that was not there, still unlinked.
    expect(await integrations(database.db).findOne({ _id: doc._id })).toEqual(unlinked);
  });

  it("after a restart under the run (a newer generation), the old run cannot move the new one's cursor", async () => {
    const doc = integration('held-restarted');
    await integrations(database.db).insertOne({ ...doc, pointMonths: { '2026-10': 4 } });
    await integrations(database.db).updateOne(
      { _id: doc._id },
      { $set: { status: 'queued', folders: emptyFolders() }, $inc: { generation: 1 } },
    );
    const restarted = await integrations(database.db).findOne({ _id: doc._id });
    await expect(databaseStore.saveProgress(database.db, doc, progress)).rejects.toBeInstanceOf(
      StaleRunError,
    );
    expect(await integrations(database.db).findOne({ _id: doc._id })).toEqual(restarted);
  });

  it('a document that is gone is not created', async () => {
    const result = await updateHeld(
      integrations(database.db),
      'held-missing',
      { $set: { status: 'active' } },
      () => true,
    );
    expect(result.outcome).toBe('missing');
    expect(await integrations(database.db).findOne({ _id: 'held-missing' })).toBeNull();
  });

  it('names the top-level fields an update touches, and refuses a replacement document', () => {
    expect(touchedFields(progress).sort()).toEqual(['counts', 'folders', 'pointMonths']);
    expect(() => touchedFields({ status: 'active' })).toThrow(/operator updates only/);
  });
});
