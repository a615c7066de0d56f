import type { Db } from 'mongodb';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/log';
import type { Logger } from '../log';
import type { GraphClients } from '../microsoft/graph';
import { describeFailure } from '../microsoft/failures';
import { organizationIdFor, organizations } from '../organizations/store';
import { consumeConsentRequest, type ConsentRequestDoc } from './consent-requests';
import { renderConsentResultPage, type ConsentResult } from './consent-page';
import { tenants } from './store';

const callbackQuery = z.object({
  state: z.string().max(200).optional(),
  admin_consent: z.string().max(20).optional(),
  tenant: z.string().max(100).optional(),
  scope: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
});

interface GraphOrganization {
  id: string;
  displayName?: string;
  verifiedDomains?: Array<{ name: string }>;
}

/**
 * Where Entra sends the admin back after the admin-consent page. Trusts only our own single-use
 * `state` (never the `tenant` query value), treats any `error` as a denial even when
 * `admin_consent=True` comes along, and proves a grant by reading the tenant's /organization
 * with an app-only token before calling the tenant consented.
 */
export function consentCallback(db: Db, graph: GraphClients, log: Logger): RequestHandler {
  return async (req, res) => {
    const send = (status: number, result: ConsentResult) => {
      res.status(status).type('html').send(renderConsentResultPage(result));
    };
    const query = callbackQuery.safeParse(req.query);
    if (!query.success || !query.data.state) {
      return send(400, {
        status: 'invalid',
        message: 'This page was opened without a valid consent response.',
      });
    }
    const q = query.data;
    const request = await consumeConsentRequest(db, q.state!);
    if (request === 'unknown' || request === 'expired') {
      return send(400, {
        status: 'invalid',
        message:
          request === 'expired'
            ? 'This consent link has expired. Start the consent again from the admin pane.'
            : 'This consent response is not valid here: it was already used or was not started by this service. Start again from the admin pane.',
      });
    }
    if (q.tenant && q.tenant.toLowerCase() !== request.tenantId) {
      log.warn(
        { expected: request.tenantId, got: q.tenant },
        'consent callback tenant differs from the request; using the request',
      );
    }
    const tenant = await tenants(db).findOne({ _id: request.tenantId });
    if (!tenant || tenant.orgId !== request.orgId) {
      return send(409, {
        status: 'invalid',
        tenantId: request.tenantId,
        message: 'This directory is no longer registered to your organisation.',
      });
    }

    if (q.error) {
      const reason = `${q.error}${q.error_description ? `: ${q.error_description}` : ''}`;
      await tenants(db).updateOne(
        { _id: tenant._id, orgId: request.orgId },
        {
          $set: {
            consent: {
              state: 'denied',
              at: new Date(),
              by: request.requestedBy.userPrincipalName,
              error: reason,
            },
          },
        },
      );
      await recordAudit(db, {
        orgId: request.orgId,
        actor: request.requestedBy,
        action: 'tenant.consent_denied',
        target: { tenantId: tenant._id },
        details: { reason },
      });
      return send(200, {
        status: 'denied',
        tenantId: tenant._id,
        message: `Consent was not granted. ${reason}`,
      });
    }
    if (q.admin_consent?.toLowerCase() !== 'true') {
      return send(400, {
        status: 'invalid',
        tenantId: tenant._id,
        message: 'The response carries neither a consent nor an error.',
      });
    }
    return send(...(await proveGrant(db, graph, request, log)));
  };
}

async function proveGrant(
  db: Db,
  graph: GraphClients,
  request: ConsentRequestDoc,
  log: Logger,
): Promise<[number, ConsentResult]> {
  const tenantId = request.tenantId;
  let organization: GraphOrganization | undefined;
  try {
    const answer = (await graph
      .interactive(tenantId)
      .api('/organization')
      .select('id,displayName,verifiedDomains')
      .get()) as {
      value?: GraphOrganization[];
    };
    organization = answer.value?.find((o) => o.id?.toLowerCase() === tenantId);
  } catch (err) {
    const failure = describeFailure(err);
    log.warn({ tenantId, failure }, 'admin consent could not be confirmed');
    const error = `Consent could not be confirmed: ${failure.code ? `${failure.code}: ` : ''}${failure.message}`;
    await tenants(db).updateOne(
      { _id: tenantId, orgId: request.orgId },
      { $set: { 'consent.error': error } },
    );
    return [
      502,
      { status: 'unconfirmed', tenantId, message: `${error} Try the consent again in a few minutes.` },
    ];
  }
  if (!organization) {
    return [
      502,
      {
        status: 'unconfirmed',
        tenantId,
        message: 'Microsoft 365 did not return this directory; consent could not be confirmed.',
      },
    ];
  }
  const verifiedDomains = (organization.verifiedDomains ?? []).map((d) => d.name.toLowerCase());
  const displayName = organization.displayName ?? null;
  await tenants(db).updateOne(
    { _id: tenantId, orgId: request.orgId },
    {
      $set: {
        displayName,
        verifiedDomains,
        ownershipProven: true,
        consent: { state: 'granted', at: new Date(), by: request.requestedBy.userPrincipalName, error: null },
      },
    },
  );
  // An organisation founded by this tenant takes its directory's name, unless an admin chose one.
  if (displayName && request.orgId === organizationIdFor(tenantId)) {
    await organizations(db).updateOne({ _id: request.orgId }, { $set: { name: displayName } });
  }
  await recordAudit(db, {
    orgId: request.orgId,
    actor: request.requestedBy,
    action: 'tenant.consent_granted',
    target: { tenantId },
    details: { displayName, verifiedDomains },
  });
  return [
    200,
    {
      status: 'granted',
      tenantId,
      message: `Consent granted for ${displayName ?? tenantId}.`,
      verifiedDomains,
    },
  ];
}
