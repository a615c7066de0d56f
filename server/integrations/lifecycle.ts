import type { Db } from 'mongodb';
import type { StartIntegrationsResponse } from '../../shared/api';
import { actorOf, recordAudit } from '../audit/log';
import type { Membership } from '../auth/middleware';
import type { Principal } from '../auth/token-validator';
import { ApiError, conflict, notFound } from '../http/errors';
import { cancelSync, scheduleSync } from '../sync/jobs';
import type { DirectoryUserRecord } from './directory-user';
import { emptyFolders, integrationId, integrations, integrationView, type IntegrationDoc } from './store';

/**
 * Starting, unlinking and retrying mailbox integrations. Every operation is idempotent and keyed by
 * the integration's `_id`, so a repeated request (or a double click) changes nothing further.
 * Nothing here ever deletes contact points: unlinking only stops future extraction.
 */

/**
 * Who may be started. Guests never: a B2B guest's mail lives in their own organisation, so this
 * directory has no mailbox to read, and their relationships are that organisation's business.
 * Members without a licence only when the admin confirms: most have no mailbox (the sync would end
 * in Authentication error), but shared mailboxes need no licence and are worth reading. Either
 * refusal changes nothing, for any of the users asked.
 */
export function requireStartable(
  users: Map<string, DirectoryUserRecord | null>,
  confirmUnlicensed: boolean,
): void {
  const names = (list: DirectoryUserRecord[]) =>
    list
      .slice(0, 5)
      .map((u) => u.displayName)
      .join(', ') + (list.length > 5 ? ` and ${list.length - 5} more` : '');
  const found = [...users.values()].filter((u): u is DirectoryUserRecord => u !== null);
  const guests = found.filter((u) => u.guest);
  if (guests.length > 0) {
    throw conflict(
      'guest_users',
      `Guests of the directory cannot be started: their mailbox is in their own organisation (${names(guests)}). Nothing was started.`,
    );
  }
  const unlicensed = found.filter((u) => !u.licensed);
  if (unlicensed.length > 0 && !confirmUnlicensed) {
    throw conflict(
      'unlicensed_users',
      `${unlicensed.length} of these users have no licence, so probably no mailbox (only shared mailboxes work without one): ${names(unlicensed)}. Nothing was started; confirm with confirmUnlicensed: true to start them anyway.`,
    );
  }
}

export async function startIntegrations(
  db: Db,
  principal: Principal,
  membership: Membership,
  tenantId: string,
  users: Map<string, DirectoryUserRecord | null>,
  options: { confirmUnlicensed?: boolean; provider?: 'google' } = {},
): Promise<StartIntegrationsResponse> {
  requireStartable(users, options.confirmUnlicensed === true);
  const orgId = membership.org._id;
  const enabled = membership.org.activityManagement.enabled;
  const actor = actorOf(principal);
  const results: StartIntegrationsResponse['results'] = [];

  for (const [userId, user] of users) {
    if (!user) {
      results.push({ userId, outcome: 'not_found', integration: null });
      continue;
    }
    const id = integrationId(tenantId, userId);
    const now = new Date();
    const fresh: IntegrationDoc = {
      _id: id,
      orgId,
      ...(options.provider ? { provider: options.provider } : {}),
      tenantId,
      userId,
      userPrincipalName: user.userPrincipalName,
      mail: user.mail,
      displayName: user.displayName,
      status: 'queued',
      lastError: null,
      failures: { attempts: 0, firstAt: null },
      folders: emptyFolders(),
      counts: { messages: 0, skipped: 0 },
      lastSyncAt: null,
      startedAt: now,
      startedBy: actor,
      unlinkedAt: null,
      unlinkedBy: null,
      generation: 1,
    };
    let outcome: 'started' | 'already_started' | 'restarted';
    let doc: IntegrationDoc | null;
    try {
      await integrations(db).insertOne(fresh);
      outcome = 'started';
      doc = fresh;
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      // Restart an unlinked integration; the filter makes concurrent restarts count once.
      doc = await integrations(db).findOneAndUpdate(
        { _id: id, status: 'unlinked' },
        {
          $set: {
            status: 'queued',
            startedAt: now,
            startedBy: actor,
            unlinkedAt: null,
            unlinkedBy: null,
            lastError: null,
            failures: { attempts: 0, firstAt: null },
          },
          $inc: { generation: 1 },
        },
        { returnDocument: 'after' },
      );
      outcome = doc ? 'restarted' : 'already_started';
      doc ??= await integrations(db).findOne({ _id: id });
    }
    if (outcome !== 'already_started' && doc) {
      await scheduleSync(db, { integrationId: id, orgId, reason: 'initial', generation: doc.generation });
      await recordAudit(db, {
        orgId,
        actor,
        action: 'integration.started',
        target: { tenantId, userId },
        details: { userPrincipalName: user.userPrincipalName, outcome },
      });
    }
    results.push({ userId, outcome, integration: doc ? integrationView(doc, enabled) : null });
  }
  return { results };
}

async function ownIntegration(
  db: Db,
  membership: Membership,
  tenantId: string,
  userId: string,
): Promise<IntegrationDoc> {
  const doc = await integrations(db).findOne({ _id: integrationId(tenantId, userId) });
  if (!doc || doc.orgId !== membership.org._id) {
    throw notFound('integration_not_found', 'This user has no integration in your organisation.');
  }
  return doc;
}

export async function unlinkIntegration(
  db: Db,
  principal: Principal,
  membership: Membership,
  tenantId: string,
  userId: string,
) {
  const doc = await ownIntegration(db, membership, tenantId, userId);
  let current = doc;
  if (doc.status !== 'unlinked') {
    const actor = actorOf(principal);
    current =
      (await integrations(db).findOneAndUpdate(
        { _id: doc._id, status: { $ne: 'unlinked' } },
        { $set: { status: 'unlinked', unlinkedAt: new Date(), unlinkedBy: actor }, $inc: { generation: 1 } },
        { returnDocument: 'after' },
      )) ?? (await ownIntegration(db, membership, tenantId, userId));
    await cancelSync(db, doc._id);
    await recordAudit(db, {
      orgId: doc.orgId,
      actor,
      action: 'integration.unlinked',
      target: { tenantId, userId },
      details: { userPrincipalName: doc.userPrincipalName },
    });
  }
  return current;
}

export async function retryIntegration(
  db: Db,
  principal: Principal,
  membership: Membership,
  tenantId: string,
  userId: string,
) {
  const doc = await ownIntegration(db, membership, tenantId, userId);
  if (doc.status === 'unlinked')
    throw conflict('integration_unlinked', 'This user was unlinked; start the integration again instead.');
  const updated = await integrations(db).findOneAndUpdate(
    { _id: doc._id, status: { $ne: 'unlinked' } },
    {
      $set: {
        status: doc.status === 'active' || doc.status === 'syncing' ? doc.status : 'queued',
        failures: { attempts: 0, firstAt: null },
      },
    },
    { returnDocument: 'after' },
  );
  if (!updated)
    throw new ApiError(
      409,
      'integration_changed',
      'The integration changed meanwhile; reload and try again.',
    );
  await scheduleSync(db, {
    integrationId: doc._id,
    orgId: doc.orgId,
    reason: 'retry',
    generation: updated.generation,
  });
  await recordAudit(db, {
    orgId: doc.orgId,
    actor: actorOf(principal),
    action: 'integration.retried',
    target: { tenantId, userId },
    details: { previousStatus: doc.status },
  });
  return integrationView(updated, membership.org.activityManagement.enabled);
}
