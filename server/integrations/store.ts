import type { Db } from 'mongodb';
import type { IntegrationError, IntegrationQueue, IntegrationView } from '../../shared/api';
import type { IntegrationStatus } from '../../shared/integration-status';
import type { ActorRef } from '../audit/log';

/** A mail folder the sync reads, with its Graph delta state. */
export interface FolderSyncState {
  /** The deltaLink to continue from; null until the first full pass of the folder is stored. */
  deltaLink: string | null;
  /** The nextLink of an unfinished pass (saved after each stored page, so a crash resumes there). */
  nextLink: string | null;
  initialDone: boolean;
  messagesSeen: number;
  syncedAt: Date | null;
  /** Messages in the folder when its initial sync started (the provider's count); absent or null while unknown. */
  totalItems?: number | null;
  /** When the folder's initial sync started: the rate, and so the time left, is measured from here. */
  startedAt?: Date | null;
}

/** One user's mailbox taking part. `_id` = "{tenantId}|{userId}". */
export interface IntegrationDoc {
  _id: string;
  orgId: string;
  /** Absent on Microsoft 365 integrations (all of them, before Google Workspace). */
  provider?: 'google';
  /** The Entra tenant, or the Google Workspace customer ID. */
  tenantId: string;
  userId: string;
  userPrincipalName: string;
  mail: string | null;
  displayName: string;
  status: IntegrationStatus;
  lastError: (Omit<IntegrationError, 'at'> & { at: Date }) | null;
  /** Failures counted towards a Linkage error: attempts since the last success, and when the first was. */
  failures: { attempts: number; firstAt: Date | null };
  folders: Record<string, FolderSyncState>;
  /** Messages read (re-reads after a crash or resync included) and unreadable ones skipped. */
  counts: { messages: number; skipped: number };
  /** Contact points stored for this colleague, per month: exact under replay (see store-page.ts). */
  pointMonths?: Record<string, number>;
  /** Those of months too old to change, rolled up (see extraction/relationships.ts; a count packs as itself). */
  pointsBefore?: { through: string; counts: number };
  lastSyncAt: Date | null;
  /** When the first sync completed (every folder read to the end once). */
  firstSyncedAt?: Date;
  startedAt: Date | null;
  startedBy: ActorRef | null;
  unlinkedAt: Date | null;
  unlinkedBy: ActorRef | null;
  /** Bumped on start/unlink so a worker holding an old lease can tell it must stop. */
  generation: number;
  /** The Graph change-notification subscription, when subscriptions are on. */
  subscription?: { id: string; expiresAt: Date; error: string | null } | null;
}

export const integrations = (db: Db) => db.collection<IntegrationDoc>('integrations');

export const integrationId = (tenantId: string, userId: string) => `${tenantId}|${userId}`;

export const syncedFolders = ['inbox', 'sentitems'] as const;

export function emptyFolders(): Record<string, FolderSyncState> {
  return Object.fromEntries(
    syncedFolders.map((f) => [
      f,
      {
        deltaLink: null,
        nextLink: null,
        initialDone: false,
        messagesSeen: 0,
        syncedAt: null,
        totalItems: null,
        startedAt: null,
      },
    ]),
  );
}

/** Whether the integration's first sync is still to come or under way (then it may have a queue place). */
export function awaitsInitialSync(doc: IntegrationDoc): boolean {
  const folders = Object.values(doc.folders ?? {});
  return doc.status !== 'unlinked' && !(folders.length > 0 && folders.every((f) => f.initialDone));
}

export function integrationView(
  doc: IntegrationDoc,
  orgEnabled: boolean,
  queue: Map<string, IntegrationQueue> | null = null,
  now = new Date(),
): IntegrationView {
  const folders = Object.values(doc.folders ?? {});
  const initialDone = folders.length > 0 && folders.every((f) => f.initialDone);
  return {
    provider: doc.provider ?? 'microsoft',
    tenantId: doc.tenantId,
    userId: doc.userId,
    userPrincipalName: doc.userPrincipalName,
    displayName: doc.displayName,
    status: doc.status,
    paused: !orgEnabled && doc.status !== 'unlinked',
    lastError: doc.lastError ? { ...doc.lastError, at: doc.lastError.at.toISOString() } : null,
    lastSyncAt: doc.lastSyncAt?.toISOString() ?? null,
    startedAt: doc.startedAt?.toISOString() ?? null,
    startedBy: doc.startedBy?.userPrincipalName ?? null,
    unlinkedAt: doc.unlinkedAt?.toISOString() ?? null,
    counts: {
      messages: doc.counts?.messages ?? 0,
      contactPoints:
        Object.values(doc.pointMonths ?? {}).reduce((a, b) => a + b, 0) + (doc.pointsBefore?.counts ?? 0),
      skipped: doc.counts?.skipped ?? 0,
    },
    initialSync: initialDone || doc.status === 'unlinked' ? null : initialSyncProgress(folders, now),
    queue: awaitsInitialSync(doc) ? (queue?.get(doc._id) ?? null) : null,
  };
}

/**
 * Messages read of the folders' totals, and the time left at the rate so far. A total is known
 * once every folder's initial sync has started; messages read again after a crash count twice,
 * so the count is capped at the total.
 */
export function initialSyncProgress(
  folders: FolderSyncState[],
  now: Date,
): NonNullable<IntegrationView['initialSync']> {
  const seen = folders.reduce((n, f) => n + f.messagesSeen, 0);
  const known = folders.length > 0 && folders.every((f) => typeof f.totalItems === 'number');
  const total = known ? folders.reduce((n, f) => n + (f.totalItems ?? 0), 0) : null;
  const starts = folders.map((f) => f.startedAt?.getTime()).filter((t): t is number => t !== undefined);
  const elapsedSeconds = starts.length > 0 ? (now.getTime() - Math.min(...starts)) / 1000 : 0;
  const rate = elapsedSeconds >= 1 && seen > 0 ? seen / elapsedSeconds : null;
  return {
    messagesSeen: total === null ? seen : Math.min(seen, total),
    messagesTotal: total,
    foldersDone: folders.filter((f) => f.initialDone).length,
    foldersTotal: folders.length,
    secondsLeft: total !== null && rate !== null ? Math.round(Math.max(0, total - seen) / rate) : null,
  };
}
