import type { RequestHandler } from 'express';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { recordAudit } from '../audit/log';
import type { Config } from '../config';
import type { Logger } from '../log';
import { delegatedScopes, gmailReadScope } from '../providers/google/credentials';
import { readWorkspaceAsAdmin } from '../providers/google/directory';
import { describeGoogleFailure } from '../providers/google/failures';
import { gmailDelegated, redeemSignIn } from '../providers/google/sign-in';
import { renderConsentResultPage, type ConsentResult } from '../tenants/consent-page';
import { pickLocale } from '../tenants/consent-text';
import { consumeWorkspaceSignIn } from './sign-in-requests';
import { workspaces } from './store';

export const workspaceCallbackPath = '/auth/google/callback';

const callbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});

/**
 * Where Google sends the Workspace admin back after signing in. Registers the Workspace only when
 * all of this holds: the single-use state is ours; the ID token verifies and its `hd` is the
 * domain asked for; the service account, acting as that admin (domain-wide delegation), reads
 * the admin's own user — who must be a Workspace administrator — and the customer's domains.
 */
export function workspaceCallback(db: Db, config: Config, log: Logger): RequestHandler {
  return async (req, res) => {
    const send = (status: number, result: ConsentResult) =>
      res
        .status(status)
        .type('html')
        .send(renderConsentResultPage(result, pickLocale(undefined, req.get('accept-language'))));
    const google = config.google;
    const query = callbackQuery.safeParse(req.query);
    if (!query.success || !query.data.state || !google.serviceAccount || !google.oauthClient)
      return send(400, {
        status: 'invalid',
        message: 'This page was opened without a valid Google sign-in response.',
      });
    const request = await consumeWorkspaceSignIn(db, query.data.state);
    if (request === 'unknown' || request === 'expired')
      return send(400, {
        status: 'invalid',
        message:
          request === 'expired'
            ? 'This sign-in link has expired. Start again from the admin pane.'
            : 'This sign-in response was already used or was not started by this service. Start again from the admin pane.',
      });
    if (query.data.error || !query.data.code)
      return send(200, {
        status: 'denied',
        message: `Google sign-in was not completed (${query.data.error ?? 'no code'}).`,
      });

    let identity;
    try {
      identity = await redeemSignIn(
        google,
        `${config.http.publicUrl}${workspaceCallbackPath}`,
        query.data.code,
        request.nonce,
      );
    } catch (err) {
      log.warn({ message: (err as Error).message }, 'Google sign-in could not be verified');
      return send(400, {
        status: 'invalid',
        message: 'The Google sign-in could not be verified. Start again from the admin pane.',
      });
    }
    if (identity.hostedDomain !== request.domain)
      return send(403, {
        status: 'denied',
        message: `Sign in with an administrator account of ${request.domain} (the account used belongs to ${identity.hostedDomain ?? 'no Google Workspace'}).`,
      });

    let directory;
    try {
      directory = await readWorkspaceAsAdmin(google, google.serviceAccount, identity.email);
    } catch (err) {
      const failure = describeGoogleFailure(err);
      const answered = `${failure.code ?? failure.httpStatus}: ${failure.message}`;
      // The token endpoint refusing the service account = no delegation; the Directory API
      // refusing a delegated admin token = the person who signed in is no administrator.
      if (failure.source === 'token')
        return send(409, {
          status: 'unconfirmed',
          message: `Domain-wide delegation is not in place for ${request.domain}: in the Google Admin console (Security → API controls → Domain-wide delegation) authorize client ID ${google.serviceAccount.clientId} for ${delegatedScopes.join(', ')}, then try again. Google answered: ${answered}`,
        });
      if (failure.httpStatus === 403)
        return send(403, {
          status: 'denied',
          message: `${identity.email} is not an administrator of ${request.domain}.`,
        });
      return send(502, {
        status: 'unconfirmed',
        message: `Google Workspace could not be read (${answered}). Try again later.`,
      });
    }
    if (!directory.isAdmin)
      return send(403, {
        status: 'denied',
        message: `${identity.email} is not an administrator of ${request.domain}.`,
      });
    if (!directory.domains.includes(request.domain))
      return send(403, {
        status: 'denied',
        message: `${request.domain} is not a verified domain of this Google Workspace.`,
      });

    const existing = await workspaces(db).findOne({ _id: directory.customerId });
    if (existing && existing.orgId !== request.orgId)
      return send(409, {
        status: 'denied',
        message: 'This Google Workspace already belongs to another organisation.',
      });
    const missingScopes = (await gmailDelegated(google, google.serviceAccount, identity.email))
      ? []
      : [gmailReadScope];
    await workspaces(db).updateOne(
      { _id: directory.customerId },
      {
        $set: {
          primaryDomain: directory.primaryDomain,
          domains: directory.domains,
          adminEmail: identity.email,
          missingScopes,
        },
        $setOnInsert: { orgId: request.orgId, registeredAt: new Date(), registeredBy: request.requestedBy },
      },
      { upsert: true },
    );
    await recordAudit(db, {
      orgId: request.orgId,
      actor: request.requestedBy,
      action: 'workspace.registered',
      target: { tenantId: directory.customerId },
      details: { provenBy: identity.email, missingScopes },
    });
    send(200, {
      status: 'granted',
      tenantId: directory.customerId,
      message:
        missingScopes.length === 0
          ? `Google Workspace ${directory.primaryDomain} is connected: its admin signed in and domain-wide delegation works.`
          : `Google Workspace ${directory.primaryDomain} is connected, but reading Gmail is not authorized yet: add ${missingScopes.join(', ')} to client ID ${google.serviceAccount.clientId} in the Admin console.`,
      verifiedDomains: directory.domains,
    });
  };
}
