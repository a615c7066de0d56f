import type { Db } from 'mongodb';
import {
  extractContactPoint,
  type ExtractedContactPoint,
  type ExtractionContext,
  type SkipReason,
} from '../extraction/contact-points';
import { updateHeld } from '../db/held-update';
import { storePage, type MailboxScope, type StoredPage } from '../extraction/store-page';
import { integrations, syncedFolders, type IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import { contactPointsStored, messagesRead } from '../observability/metrics';
import { settingsOf, type OrganizationDoc } from '../organizations/store';
import { DriverError, type ChangesPage, type MailboxDriver, type SyncedFolder } from './driver';
import { SenderHeaders } from './sender-headers';
import type { SignatureHook } from './signature-hook';
import { tenants } from '../tenants/store';
import { workspaces } from '../workspaces/store';

/** Reasons a message is skipped because it could not be read, as opposed to deliberately left out. */
const unreadable: ReadonlySet<SkipReason> = new Set([
  'missing_sender',
  'invalid_date',
  'too_many_recipients',
]);

/**
 * Whether the integration is still the one this run was started for: neither unlinked nor
 * restarted since (a restart or unlink raises the generation). Writes of a run are applied only
 * then (db/held-update.ts).
 */
export const ofRun =
  (integration: Pick<IntegrationDoc, 'generation'>) =>
  (current: Partial<IntegrationDoc>): boolean =>
    current.generation === integration.generation && current.status !== 'unlinked';

export class StaleRunError extends Error {
  constructor() {
    super('the integration changed (unlinked or restarted) during the run');
    this.name = 'StaleRunError';
  }
}

export interface MailboxRun {
  db: Db;
  log: Logger;
  driver: MailboxDriver;
  integration: IntegrationDoc;
  org: OrganizationDoc;
  internalDomains: string[];
  signal: AbortSignal;
  signatures: SignatureHook | null;
  /** Defaults to the database; benchmarks pass a no-op sink to measure extraction alone. */
  store?: PageStore;
  /** Messages read before their contact points are stored together (default 1000). */
  batchMessages?: number;
  /**
   * When (ms since the epoch) to stop reading and give the place to the next mailbox in line:
   * the folders stop after their current page, with their position saved. Unset: read to the end.
   */
  sliceEndsAt?: number;
}

/**
 * One synchronisation of one mailbox: every synced folder from its saved position to now.
 *
 * Never loses a message: a folder's position (nextLink, then deltaLink) is saved only after every
 * contact point of its page is stored, in the same update as the page's counts, and after the
 * senders whose signatures are still to be read are kept (signature-backlog.ts), so a crash
 * replays a page and never skips one. The next page is fetched while the current one is stored.
 */
export async function syncMailbox(
  run: MailboxRun,
): Promise<{ messages: number; contactPoints: number; complete: boolean }> {
  const { integration, org } = run;
  const settings = settingsOf(org);
  const context: ExtractionContext = {
    ownAddresses: new Set(
      [integration.mail, integration.userPrincipalName]
        .filter((a): a is string => !!a)
        .map((a) => a.toLowerCase()),
    ),
    internalDomains: new Set(run.internalDomains),
    excludedDomains: new Set(settings.excludedDomains),
    excludedAddresses: new Set(settings.excludedAddresses),
    keepSubjects: settings.subjectVisibility === 'full',
  };
  const since = new Date(Date.now() - settings.backfillDays * 24 * 3600_000);
  const scope: MailboxScope = {
    orgId: org._id,
    tenantId: integration.tenantId,
    userId: integration.userId,
    colleagueName: integration.displayName,
    colleagueEmail: integration.mail ?? integration.userPrincipalName,
  };

  if (integration.status === 'queued') {
    await updateHeld(
      integrations(run.db),
      integration._id,
      { $set: { status: 'syncing' } },
      ofRun(integration),
    );
  }
  const totals = { messages: 0, contactPoints: 0, complete: true };
  // The folders run side by side; the first failure stops the other, and the run ends only when
  // both have stopped, so nothing of this run writes after its lease is given back.
  const folders = new AbortController();
  const stopFolders = () => folders.abort(run.signal.reason);
  run.signal.addEventListener('abort', stopFolders, { once: true });
  await run.signatures?.resume();
  run.signatures?.begin(scope, run.signal);
  // One per run, shared by the folders: a sender's headers are read once whichever folder needs them.
  const senders = new SenderHeaders(run.driver, run.log, { integrationId: integration._id });
  const results = await Promise.allSettled(
    syncedFolders.map(async (folder) => {
      try {
        const result = await syncFolder({ ...run, signal: folders.signal }, folder, {
          context,
          scope,
          since,
          senders,
        });
        totals.messages += result.messages;
        totals.contactPoints += result.contactPoints;
        if (!result.complete) totals.complete = false;
      } catch (err) {
        folders.abort(err);
        throw err;
      }
    }),
  );
  run.signal.removeEventListener('abort', stopFolders);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await run.signatures?.stop();
    throw folders.signal.reason ?? failed.reason;
  }
  if (run.signatures) await run.signatures.flush(scope, run.signal);
  return totals;
}

/** Pages read since the last stored position, waiting to be stored together. */
interface Batch {
  points: ExtractedContactPoint[];
  messages: number;
  skipped: number;
  next: ChangesPage['next'] | null;
}

const emptyBatch = (): Batch => ({ points: [], messages: 0, skipped: 0, next: null });

async function syncFolder(
  run: MailboxRun,
  folder: SyncedFolder,
  {
    context,
    scope,
    since,
    senders,
  }: { context: ExtractionContext; scope: MailboxScope; since: Date; senders: SenderHeaders },
) {
  const { driver, integration, signal } = run;
  const saved = integration.folders?.[folder];
  let resynced = false;
  const totals = { messages: 0, contactPoints: 0, complete: true };
  const batchLimit = run.batchMessages ?? 1000;

  const fetch = (from: string | null) => {
    const page = driver.readChanges(folder, from, signal);
    page.catch(() => undefined); // awaited below; do not let an early failure count as unhandled
    return page;
  };

  // Several pages are stored as one batch (people recur across pages, so a batch means fewer
  // read-model writes), and a batch is stored while the next pages are read. Batches are stored in
  // order, and the position after a batch is saved only once all of it is stored.
  let storing: Promise<void> | null = null;
  const store = async (batch: Batch) => {
    const stored = await (run.store ?? databaseStore).storePage(run.db, scope, batch.points);
    run.signatures?.collect(batch.points);
    signal.throwIfAborted();
    // The senders whose signatures are still to be read outlive this process before the position moves.
    await run.signatures?.checkpoint();
    await saveFolder(run, folder, progressUpdate(folder, batch, stored));
    totals.messages += batch.messages;
    totals.contactPoints += stored.inserted;
    messagesRead.inc(batch.messages);
    contactPointsStored.inc(stored.inserted);
  };
  const flush = async (batch: Batch) => {
    if (storing) await storing;
    storing = store(batch);
    storing.catch(() => undefined);
  };

  if (!saved?.initialDone) await recordInitialSyncStart(run, folder);

  try {
    let batch = emptyBatch();
    let pending: Promise<ChangesPage> | null = fetch(saved?.nextLink ?? saved?.deltaLink ?? null);
    while (pending) {
      let page: ChangesPage;
      try {
        page = await pending;
      } catch (err) {
        if (err instanceof DriverError && err.outcome.kind === 'resync' && !resynced) {
          // The delta state is gone: read the folder again; the unique keys absorb what we already have.
          resynced = true;
          run.log.info(
            { integrationId: integration._id, folder, code: err.detail.code },
            'delta state lost; resyncing folder',
          );
          if (storing) await storing;
          batch = emptyBatch();
          await saveFolder(run, folder, {
            $set: { [`folders.${folder}.deltaLink`]: null, [`folders.${folder}.nextLink`]: null },
          });
          pending = fetch(null);
          continue;
        }
        throw err;
      }
      signal.throwIfAborted();
      // At the end of the slice, no further page is asked for; this one is stored with its cursor.
      const yieldPlace =
        page.next.kind === 'more' && run.sliceEndsAt !== undefined && Date.now() >= run.sliceEndsAt;
      if (yieldPlace) totals.complete = false;
      pending = page.next.kind === 'more' && !yieldPlace ? fetch(page.next.cursor) : null;

      // Pages come in any order Graph chooses: the backfill window is applied to each message.
      const undecided: Parameters<SenderHeaders['keepPeople']>[0] = [];
      for (const message of page.messages) {
        if (message.receivedAt && new Date(message.receivedAt) < since) continue; // before the backfill window
        const result = extractContactPoint(message, context);
        // The window applies to the contact point's own time too (a sent message's send time), so
        // no contact point is ever older than the longest backfill window (see documents.ts).
        if (typeof result !== 'string') {
          if (result.occurredAt < since) continue;
          if (SenderHeaders.undecided(message, result)) undecided.push({ message, point: result });
          else batch.points.push(result);
        } else if (unreadable.has(result)) {
          batch.skipped++;
          run.log.info(
            { integrationId: integration._id, folder, reason: result },
            'message skipped: could not be read',
          );
        }
      }
      if (undecided.length > 0) batch.points.push(...(await senders.keepPeople(undecided, signal)));
      batch.messages += page.messages.length;
      batch.next = page.next;
      if (page.next.kind === 'done' || batch.messages >= batchLimit || yieldPlace) {
        await flush(batch);
        batch = emptyBatch();
      }
    }
    if (storing) await storing;
  } catch (err) {
    // Never leave a batch being written after the run has given up (its lease may go to another worker).
    if (storing) await (storing as Promise<void>).catch(() => undefined);
    throw err;
  }
  return totals;
}

/**
 * Before a folder's initial sync reads its first page: how many messages it holds (so progress
 * can say "N of M") and when reading started (so it can estimate the time left). Only for the
 * admin's eyes: a failed count leaves the total unknown and the sync goes on.
 */
async function recordInitialSyncStart(run: MailboxRun, folder: SyncedFolder): Promise<void> {
  const saved = run.integration.folders?.[folder];
  const set: Record<string, unknown> = {};
  if (!saved?.startedAt) set[`folders.${folder}.startedAt`] = new Date();
  if (typeof saved?.totalItems !== 'number' && run.driver.countMessages) {
    try {
      const total = await run.driver.countMessages(folder, run.signal);
      if (total !== null) set[`folders.${folder}.totalItems`] = total;
    } catch (err) {
      run.signal.throwIfAborted();
      const code = err instanceof DriverError ? err.detail.code : null;
      run.log.info({ integrationId: run.integration._id, folder, code }, 'folder size unknown');
    }
  }
  if (Object.keys(set).length > 0) await saveFolder(run, folder, { $set: set });
}

/** The folder's new position and counts after a stored batch, as one update of the integration. */
function progressUpdate(folder: SyncedFolder, batch: Batch, stored: StoredPage): Record<string, unknown> {
  const done = batch.next!.kind === 'done';
  const update: Record<string, unknown> = {
    $set: {
      [`folders.${folder}.nextLink`]: done ? null : batch.next!.cursor,
      ...(done
        ? {
            [`folders.${folder}.deltaLink`]: batch.next!.cursor,
            [`folders.${folder}.initialDone`]: true,
            [`folders.${folder}.syncedAt`]: new Date(),
          }
        : {}),
    },
    $inc: {
      [`folders.${folder}.messagesSeen`]: batch.messages,
      'counts.messages': batch.messages,
      'counts.skipped': batch.skipped,
    },
  };
  const months = Object.entries(stored.colleagueMonthTotals);
  if (months.length > 0) update.$max = Object.fromEntries(months.map(([m, n]) => [`pointMonths.${m}`, n]));
  return update;
}

function saveFolder(run: MailboxRun, _folder: SyncedFolder, update: Record<string, unknown>): Promise<void> {
  return (run.store ?? databaseStore).saveProgress(run.db, run.integration, update);
}

/** Where a run puts its results: the database, or (to measure our own cost) nowhere. */
export interface PageStore {
  storePage(db: Db, scope: MailboxScope, points: ExtractedContactPoint[]): Promise<StoredPage>;
  /** Saves the folder position and counts; throws StaleRunError if the integration was unlinked or restarted. */
  saveProgress(db: Db, integration: IntegrationDoc, update: Record<string, unknown>): Promise<void>;
}

export const databaseStore: PageStore = {
  async storePage(db, scope, points) {
    // A tenant detached by its own admin stops at once: no batch of it is stored into the organisation any more.
    // A Google Workspace mailbox's directory is the Workspace (customer IDs are never tenant GUIDs).
    const directory =
      (await tenants(db).findOne({ _id: scope.tenantId })) ??
      (await workspaces(db).findOne({ _id: scope.tenantId }));
    if (!directory || directory.orgId !== scope.orgId) throw new StaleRunError();
    return storePage(db, scope, points);
  },
  async saveProgress(db, integration, update) {
    const result = await updateHeld(integrations(db), integration._id, update, ofRun(integration));
    if (result.outcome !== 'applied') throw new StaleRunError();
  },
};
