import express, { Router } from 'express';
import { recordAudit } from '../audit/log';
import type { ServerDeps } from '../deps';
import { ensureOrganization, organizationIdFor, organizations } from '../organizations/store';
import { browserSecretOf, sendProblem, sendResult } from './consent-http';
import { consume, type ConsentFlowDoc } from './consent-flow';
import type { ConsentResult } from './consent-page';
import { consentText, pickLocale } from './consent-text';
import { confirmPath } from './consent-url';
import { forgetDeparture } from './departures';
import { closeRequest } from './join-requests';
import { getTenant, tenants, type TenantDoc } from './store';
import { readOrganizationOrFailure } from './tenant-directory';

type ConfirmedFlow = ConsentFlowDoc & { confirmer: NonNullable<ConsentFlowDoc['confirmer']> };

/**
 * `POST /auth/consent/confirm`: the tenant's administrator answers "Add … to organisation …?".
 * Only the browser the flow is bound to can answer (its cookie; SameSite keeps other sites' forms
 * out, and a foreign Origin is refused), once.
 */
export function confirmJoinRoutes(deps: ServerDeps): Router {
  const router = Router();
  router.post(confirmPath, express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const state = typeof body.state === 'string' ? body.state : '';
    const fallback = pickLocale(undefined, req.get('accept-language'));
    // Under `Referrer-Policy: no-referrer` browsers send `Origin: null`; a named foreign origin is refused.
    const origin = req.get('origin');
    if (origin && origin !== 'null' && origin !== new URL(deps.config.http.publicUrl).origin)
      return sendProblem(res, 'unknown', fallback);
    const flow = await consume(deps.db, state, browserSecretOf(deps, req), 'confirming');
    if (typeof flow === 'string') return sendProblem(res, flow, fallback);
    if (!flow.confirmer) return sendProblem(res, 'used', flow.locale);
    const confirmed = flow as ConfirmedFlow;
    if (body.decision !== 'confirm') {
      await closeRequest(deps.db, flow.orgId, flow.tenantId);
      await recordAudit(deps.db, {
        orgId: flow.orgId,
        actor: confirmed.confirmer,
        action: 'tenant.join_declined',
        target: { tenantId: flow.tenantId },
        details: { requestedBy: flow.requestedBy.userPrincipalName },
      });
      const org = (await organizations(deps.db).findOne({ _id: flow.orgId }))?.name ?? flow.tenantId;
      const message = consentText(flow.locale)('denied.declined', { tenant: flow.tenantId, org });
      return sendResult(res, 200, { status: 'denied', tenantId: flow.tenantId, message }, flow.locale);
    }
    const [status, result] = await completeJoin(deps, confirmed);
    sendResult(res, status, result, flow.locale);
  });
  return router;
}

/**
 * The tenant joins the organisation (or, already in it, renews its consent): this is where
 * ownership is decided, after its own administrator confirmed. The grant is proven by reading the
 * tenant's /organization with the app's token, which also gives its name and verified domains.
 */
export async function completeJoin(deps: ServerDeps, flow: ConfirmedFlow): Promise<[number, ConsentResult]> {
  const { db } = deps;
  const t = consentText(flow.locale);
  const tenantId = flow.tenantId;
  const organization = await readOrganizationOrFailure(deps, tenantId);
  if (!('verifiedDomains' in organization)) {
    const error = `${organization.code ? `${organization.code}: ` : ''}${organization.message}`;
    return [502, { status: 'unconfirmed', tenantId, message: t('unconfirmed', { error }) }];
  }
  const { displayName, verifiedDomains } = organization;
  const tenantName = displayName ?? tenantId;
  const isFounding = flow.orgId === organizationIdFor(tenantId);
  const org = await ensureOrganization(
    db,
    flow.orgId,
    displayName ?? flow.requestedBy.userPrincipalName.split('@')[1] ?? tenantId,
    flow.requestedBy,
  );
  const now = new Date();
  const consent = { state: 'granted' as const, at: now, by: flow.confirmer.userPrincipalName, error: null };
  const fresh: TenantDoc = {
    _id: tenantId,
    orgId: flow.orgId,
    displayName,
    verifiedDomains,
    registeredAt: now,
    registeredBy: flow.requestedBy,
    confirmedBy: flow.confirmer,
    confirmedAt: now,
    ownershipProven: true,
    consent,
  };
  const existing = await getTenant(db, tenantId);
  let joined = false;
  if (existing?.orgId === flow.orgId && existing.ownershipProven !== false) {
    await tenants(db).updateOne(
      { _id: tenantId, orgId: flow.orgId },
      { $set: { displayName, verifiedDomains, consent } },
    );
  } else if (existing && existing.ownershipProven !== false) {
    return elsewhere(deps, flow, tenantName, existing.orgId);
  } else {
    // A legacy unproven registration is replaced; a concurrent confirmation for another organisation wins or loses cleanly.
    const taken = existing
      ? await tenants(db).replaceOne({ _id: tenantId, ownershipProven: false }, fresh)
      : await tenants(db)
          .insertOne(fresh)
          .then(() => ({ modifiedCount: 1 }))
          .catch((err: { code?: number }) => {
            if (err.code === 11000) return { modifiedCount: 0 };
            throw err;
          });
    if (taken.modifiedCount === 0) {
      const winner = await getTenant(db, tenantId);
      if (winner?.orgId !== flow.orgId) return elsewhere(deps, flow, tenantName, winner?.orgId ?? '');
    }
    joined = true;
  }
  await closeRequest(db, flow.orgId, tenantId);
  if (joined) await forgetDeparture(db, flow.orgId, tenantId);
  // An organisation founded by this tenant takes its directory's name.
  if (displayName && isFounding)
    await organizations(db).updateOne({ _id: flow.orgId }, { $set: { name: displayName } });
  if (joined) {
    await recordAudit(db, {
      orgId: flow.orgId,
      actor: flow.confirmer,
      action: 'tenant.joined',
      target: { tenantId },
      details: {
        requestedBy: flow.requestedBy.userPrincipalName,
        confirmedBy: flow.confirmer.userPrincipalName,
      },
    });
  }
  await recordAudit(db, {
    orgId: flow.orgId,
    actor: flow.confirmer,
    action: 'tenant.consent_granted',
    target: { tenantId },
    details: { displayName, verifiedDomains },
  });
  const orgName = isFounding && displayName ? displayName : org.name;
  return [
    200,
    {
      status: 'granted',
      tenantId,
      message: joined
        ? t('granted.joined', { tenant: tenantName, org: orgName })
        : t('granted.refreshed', { tenant: tenantName }),
      verifiedDomains,
    },
  ];
}

async function elsewhere(
  deps: ServerDeps,
  flow: ConsentFlowDoc,
  tenantName: string,
  orgId: string,
): Promise<[number, ConsentResult]> {
  const org = (await organizations(deps.db).findOne({ _id: orgId }))?.name ?? orgId;
  const message = consentText(flow.locale)('denied.elsewhere', { tenant: tenantName, org });
  return [409, { status: 'denied', tenantId: flow.tenantId, message }];
}
