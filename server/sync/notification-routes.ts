import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { ServerDeps } from '../deps';
import { integrations } from '../integrations/store';
import { graphSubscriptions, lifecyclePath, notificationPath } from './subscriptions';
import { scheduleSync } from './jobs';

const notification = z.object({
  subscriptionId: z.string().max(200),
  clientState: z.string().max(500).optional(),
  lifecycleEvent: z.enum(['reauthorizationRequired', 'subscriptionRemoved', 'missed']).optional(),
});
const notificationBatch = z.object({ value: z.array(z.unknown()).max(1000) });

function sameSecret(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Endpoints Microsoft Graph calls. They answer the validation handshake, check each
 * notification's clientState against the subscription's secret, and only enqueue sync work, so
 * they answer well within Graph's 3-second budget.
 */
export function notificationRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { db, log } = deps;

  const handshake = (req: Request, res: Response): boolean => {
    const token = req.query.validationToken;
    if (typeof token !== 'string') return false;
    res.status(200).type('text/plain').send(token.slice(0, 1024));
    return true;
  };

  const handle = (lifecycle: boolean) => async (req: Request, res: Response) => {
    if (handshake(req, res)) return;
    const batch = notificationBatch.safeParse(req.body);
    if (!batch.success)
      return res
        .status(400)
        .json({ error: { code: 'invalid_notification', message: 'Expected {value:[…]}.' } });
    res.status(202).end();
    // The endpoint is public: anyone can post up to 1,000 made-up notifications. Each distinct
    // subscription is read once, and the first unknown one or wrong clientState ends the whole
    // post with one warning, so a forged post costs one database read, not one per entry.
    let scheduled = 0;
    try {
      scheduled = await handleBatch(batch.data.value, lifecycle);
    } finally {
      log.debug({ notifications: batch.data.value.length, scheduled }, 'notification post handled');
    }
  };

  /** Returns how many mailboxes were woken up. */
  const handleBatch = async (value: unknown[], lifecycle: boolean): Promise<number> => {
    const handled = new Set<string>();
    let scheduled = 0;
    for (const raw of value) {
      const n = notification.safeParse(raw);
      if (!n.success) continue;
      const event = lifecycle ? n.data.lifecycleEvent : undefined;
      const key = `${n.data.subscriptionId}|${event ?? ''}`;
      if (handled.has(key)) continue;
      handled.add(key);
      const subscription = await graphSubscriptions(db).findOne({ _id: n.data.subscriptionId });
      if (!subscription || !sameSecret(n.data.clientState, subscription.clientState)) {
        log.warn(
          { notifications: value.length, known: subscription !== null },
          'notifications for an unknown subscription or with a wrong clientState: the rest of the post is ignored',
        );
        return scheduled;
      }
      const integration = await integrations(db).findOne({ _id: subscription.integrationId });
      if (!integration || integration.status === 'unlinked') continue;
      if (event === 'subscriptionRemoved') {
        await graphSubscriptions(db).deleteOne({ _id: subscription._id });
        await integrations(db).updateOne({ _id: integration._id }, { $set: { subscription: null } });
      }
      await scheduleSync(db, {
        integrationId: integration._id,
        orgId: integration.orgId,
        reason: lifecycle ? 'resync' : 'notification',
        generation: integration.generation,
        reauthorize: event === 'reauthorizationRequired',
      });
      scheduled++;
    }
    return scheduled;
  };

  router.post(notificationPath, handle(false));
  router.post(lifecyclePath, handle(true));
  return router;
}
