import { Router } from 'express';
import { activityManagementRequest, auditQuery, settingsUpdate } from '../../shared/api';
import { actorOf, readAudit, recordAudit } from '../audit/log';
import { requireAdmin, requireMember } from '../auth/middleware';
import type { ServerDeps } from '../deps';
import { conflict, parseInput } from '../http/errors';
import { organizations, settingsOf } from '../organizations/store';
import { tenantsOf } from '../tenants/store';
import { sendEnabledNotification } from './notification-email';

export function adminRoutes(deps: ServerDeps): Router {
  const router = Router();
  const { db } = deps;
  router.use('/admin', requireAdmin, requireMember(db));

  router.put('/admin/activity-management', async (req, res) => {
    const { enabled } = parseInput(activityManagementRequest, req.body);
    const org = req.membership!.org;
    const actor = actorOf(req.principal!);
    if (enabled) {
      const consented = (await tenantsOf(db, org._id)).some((t) => t.consent.state === 'granted');
      if (!consented)
        throw conflict(
          'no_consented_tenant',
          'Grant admin consent for at least one directory (tenant) before enabling.',
        );
    }
    // The filter makes the change happen once, so concurrent requests send one email.
    const changed = await organizations(db).updateOne(
      { _id: org._id, 'activityManagement.enabled': !enabled },
      {
        $set: {
          'activityManagement.enabled': enabled,
          'activityManagement.changedAt': new Date(),
          ...(enabled
            ? { 'activityManagement.enabledAt': new Date(), 'activityManagement.enabledBy': actor }
            : {}),
        },
      },
    );
    if (changed.modifiedCount === 0) return res.json({ enabled, changed: false, notification: null });
    await recordAudit(db, {
      orgId: org._id,
      actor,
      action: enabled ? 'activity_management.enabled' : 'activity_management.disabled',
    });
    const notification = enabled
      ? await sendEnabledNotification(
          { db, graph: deps.graph, mail: deps.mail, log: req.log },
          org,
          req.principal!,
          req.get('accept-language'),
          deps.config.http.publicUrl,
        )
      : null;
    res.json({ enabled, changed: true, notification });
  });

  router.get('/admin/settings', (req, res) => {
    res.json(settingsOf(req.membership!.org));
  });

  router.put('/admin/settings', async (req, res) => {
    const update = parseInput(settingsUpdate, req.body);
    const org = req.membership!.org;
    const set = Object.fromEntries(Object.entries(update).map(([k, v]) => [`settings.${k}`, v]));
    const after = await organizations(db).findOneAndUpdate(
      { _id: org._id },
      { $set: set },
      { returnDocument: 'after' },
    );
    await recordAudit(db, {
      orgId: org._id,
      actor: actorOf(req.principal!),
      action: 'settings.changed',
      details: update,
    });
    res.json(settingsOf(after!));
  });

  router.get('/admin/audit', async (req, res) => {
    const { cursor } = parseInput(auditQuery, req.query, 'query');
    res.json(await readAudit(db, req.membership!.org._id, cursor));
  });

  return router;
}
