import type { Db } from 'mongodb';
import {
  extractContactPoint,
  type ExtractedContactPoint,
  type ExtractionContext,
  type SkipReason,
} from '../extraction/contact-points';
import { storePage, type MailboxScope } from '../extraction/store-page';
import { integrations, syncedFolders, type IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import { settingsOf, type OrganizationDoc } from '../organizations/store';
import { DriverError, type ChangesPage, type MailboxDriver, type SyncedFolder } from './driver';
import type { SignatureHook } from './signature-hook';

/** Reasons a message is skipped because it could not be read, as opposed to deliberately left out. */
const unreadable: ReadonlySet<SkipReason> = new Set([
  'missing_sender',
  'invalid_date',
  'too_many_recipients',
]);

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
}

/**
 * One synchronisation of one mailbox: every synced folder from its saved position to now.
 *
 * Never loses a message: a folder's position (nextLink, then deltaLink) is saved only after every
 * contact point of its page is stored, in the same update as the page's counts, so a crash replays
 * a page and never skips one. The next page is fetched while the current one is stored.
 */
export async function syncMailbox(run: MailboxRun): Promise<{ messages: number; contactPoints: number }> {
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
  };

  if (integration.status === 'queued') {
    await integrations(run.db).updateOne(
      { _id: integration._id, generation: integration.generation },
      { $set: { status: 'syncing' } },
    );
  }
  const totals = { messages: 0, contactPoints: 0 };
  // The folders run side by side; the first failure stops the other, and the run ends only when
  // both have stopped, so nothing of this run writes after its lease is given back.
  const folders = new AbortController();
  const stopFolders = () => folders.abort(run.signal.reason);
  run.signal.addEventListener('abort', stopFolders, { once: true });
  const results = await Promise.allSettled(
    syncedFolders.map(async (folder) => {
      try {
        const result = await syncFolder({ ...run, signal: folders.signal }, folder, context, scope, since);
        totals.messages += result.messages;
        totals.contactPoints += result.contactPoints;
      } catch (err) {
        folders.abort(err);
        throw err;
      }
    }),
  );
  run.signal.removeEventListener('abort', stopFolders);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw folders.signal.reason ?? failed.reason;
  if (run.signatures) await run.signatures.flush(scope, run.signal);
  return totals;
}

async function syncFolder(
  run: MailboxRun,
  folder: SyncedFolder,
  context: ExtractionContext,
  scope: MailboxScope,
  since: Date,
) {
  const { driver, integration, signal } = run;
  const saved = integration.folders?.[folder];
  let cursor = saved?.nextLink ?? saved?.deltaLink ?? null;
  let resynced = false;
  const totals = { messages: 0, contactPoints: 0 };

  const fetch = (from: string | null) => {
    const page = driver.readChanges(folder, from, signal);
    page.catch(() => undefined); // awaited below; do not let an early failure count as unhandled
    return page;
  };
  let pending: Promise<ChangesPage> | null = fetch(cursor);
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
        await saveFolder(run, folder, {
          $set: { [`folders.${folder}.deltaLink`]: null, [`folders.${folder}.nextLink`]: null },
        });
        cursor = null;
        pending = fetch(null);
        continue;
      }
      throw err;
    }
    signal.throwIfAborted();
    pending = page.next.kind === 'more' ? fetch(page.next.cursor) : null;

    const points: ExtractedContactPoint[] = [];
    let skipped = 0;
    for (const message of page.messages) {
      if (message.receivedAt && new Date(message.receivedAt) < since) continue; // before the backfill window
      const result = extractContactPoint(message, context);
      if (typeof result !== 'string') points.push(result);
      else if (unreadable.has(result)) {
        skipped++;
        run.log.info(
          { integrationId: integration._id, folder, reason: result },
          'message skipped: could not be read',
        );
      }
    }
    const stored = await storePage(run.db, scope, points);
    run.signatures?.collect(points);

    signal.throwIfAborted();
    const done = page.next.kind === 'done';
    await saveFolder(run, folder, {
      $set: {
        [`folders.${folder}.nextLink`]: done ? null : page.next.cursor,
        ...(done
          ? {
              [`folders.${folder}.deltaLink`]: page.next.cursor,
              [`folders.${folder}.initialDone`]: true,
              [`folders.${folder}.syncedAt`]: new Date(),
            }
          : {}),
      },
      $inc: {
        [`folders.${folder}.messagesSeen`]: page.messages.length,
        'counts.messages': page.messages.length,
        'counts.skipped': skipped,
      },
      ...(Object.keys(stored.colleagueMonthTotals).length > 0
        ? {
            $max: Object.fromEntries(
              Object.entries(stored.colleagueMonthTotals).map(([m, n]) => [`pointMonths.${m}`, n]),
            ),
          }
        : {}),
    });
    totals.messages += page.messages.length;
    totals.contactPoints += stored.inserted;
  }
  return totals;
}

async function saveFolder(
  run: MailboxRun,
  _folder: SyncedFolder,
  update: Record<string, unknown>,
): Promise<void> {
  const result = await run.db
    .collection<IntegrationDoc>('integrations')
    .updateOne(
      { _id: run.integration._id, generation: run.integration.generation, status: { $ne: 'unlinked' } },
      update,
    );
  if (result.matchedCount === 0) throw new StaleRunError();
}
