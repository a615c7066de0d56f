import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Config } from '../config';
import { integrations, type IntegrationDoc } from '../integrations/store';
import type { Logger } from '../log';
import { DriverError, type MailboxDriver } from './driver';
import type { SyncJobDoc } from './jobs';

/**
 * Change notifications make new mail appear within seconds; polling stays as the safety net, so
 * a subscription that cannot be made (no public URL, a blocked validation) costs only latency.
 */

/** Maps a Graph subscription to its integration and the secret Graph must echo. */
export interface GraphSubscriptionDoc {
  _id: string;
  integrationId: string;
  orgId: string;
  clientState: string;
  expiresAt: Date;
}

export const graphSubscriptions = (db: Db) => db.collection<GraphSubscriptionDoc>('graphSubscriptions');

export const notificationPath = '/webhooks/graph/notifications';
export const lifecyclePath = '/webhooks/graph/lifecycle';

/** Requested lifetime (Graph allows up to 7 days for mail) and when to renew. */
const lifetimeMs = 3 * 24 * 3600_000;
const renewBeforeMs = 24 * 3600_000;

/**
 * Creates, renews or reauthorizes the mailbox's subscription as due. False when Graph refused or
 * failed: whatever was owed (a reauthorization) stays owed for the next run.
 */
export async function maintainSubscription(
  db: Db,
  log: Logger,
  config: Config,
  driver: MailboxDriver,
  integration: IntegrationDoc,
  job: SyncJobDoc,
): Promise<boolean> {
  const settings = config.sync.subscriptions;
  if (!settings || driver.pushNotifications === false) return true;
  const current = integration.subscription ?? null;
  const now = Date.now();
  try {
    if (current && current.expiresAt.getTime() - now > renewBeforeMs && !job.reauthorize) return true;
    if (current && current.expiresAt.getTime() > now) {
      const renewed = await driver.renewSubscription(current.id, new Date(now + lifetimeMs));
      await graphSubscriptions(db).updateOne({ _id: current.id }, { $set: { expiresAt: renewed.expiresAt } });
      await integrations(db).updateOne(
        { _id: integration._id },
        { $set: { subscription: { id: current.id, expiresAt: renewed.expiresAt, error: null } } },
      );
      return true;
    }
    const clientState = randomBytes(24).toString('base64url');
    const created = await driver.subscribe({
      notificationUrl: `${settings.notificationBaseUrl}${notificationPath}`,
      lifecycleUrl: `${settings.notificationBaseUrl}${lifecyclePath}`,
      clientState,
      expiresAt: new Date(now + lifetimeMs),
    });
    await graphSubscriptions(db).insertOne({
      _id: created.id,
      integrationId: integration._id,
      orgId: integration.orgId,
      clientState,
      expiresAt: created.expiresAt,
    });
    await integrations(db).updateOne(
      { _id: integration._id },
      { $set: { subscription: { id: created.id, expiresAt: created.expiresAt, error: null } } },
    );
    if (current) await graphSubscriptions(db).deleteOne({ _id: current.id });
    return true;
  } catch (err) {
    const message = err instanceof DriverError ? err.message : String(err);
    log.warn(
      { integrationId: integration._id, message },
      'change-notification subscription not maintained; polling continues',
    );
    // A renewal Graph refuses (expired or removed) is forgotten, so the next run subscribes anew.
    const forget =
      err instanceof DriverError && (err.detail.httpStatus === 404 || err.detail.httpStatus === 400);
    await integrations(db).updateOne(
      { _id: integration._id },
      { $set: forget ? { subscription: null } : { 'subscription.error': message } },
    );
    return false;
  }
}

/** Deletes the mailbox's subscription (on unlink); failures only log, the subscription then expires by itself. */
export async function removeSubscription(
  db: Db,
  log: Logger,
  driver: MailboxDriver,
  integration: IntegrationDoc,
): Promise<void> {
  const current = integration.subscription;
  if (!current) return;
  try {
    await driver.unsubscribe(current.id);
  } catch (err) {
    log.warn(
      { integrationId: integration._id, err: String(err) },
      'could not delete the change-notification subscription',
    );
  }
  await graphSubscriptions(db).deleteOne({ _id: current.id });
  await integrations(db).updateOne({ _id: integration._id }, { $set: { subscription: null } });
}
