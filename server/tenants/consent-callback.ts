import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/log';
import type { ServerDeps } from '../deps';
import { describeFailure } from '../providers/microsoft/failures';
import { getOrganization } from '../organizations/store';
import { advance, bindBrowser, consume, flowLocale, newSecret, type ConsentFlowDoc } from './consent-flow';
import { browserCookieName, browserSecretOf, sendProblem, sendResult } from './consent-http';
import { renderConfirmPage } from './consent-page';
import { consentText, pickLocale } from './consent-text';
import { completeJoin } from './confirm-join';
import { adminConsentUrl, tenantSignInUrl } from './consent-url';
import { markRequestDenied } from './join-requests';
import { getTenant } from './store';
import { readOrganization } from './tenant-directory';

/**
 * The browser legs of adding a tenant (see consent-flow.ts for the steps): the admin pane's link,
 * Entra's answer to admin consent, and the confirming sign-in of the tenant's administrator, which
 * ends on the confirmation page (confirm-join.ts takes the answer). The `tenant` query parameter
 * of Entra's answer is never trusted, nor is anything a caller could send without the browser's
 * cookie; app-only access to the tenant proves a grant, never ownership.
 */

const text = z.string().max(2000).optional();
const entraAnswer = z.object({
  state: z.string().max(200).optional(),
  admin_consent: z.string().max(20).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: text,
  error_subcode: z.string().max(200).optional(),
});

/** `GET /auth/consent/start?flow=…`: binds the flow to this browser, then on to Entra's admin consent. */
export function startConsent(deps: ServerDeps): RequestHandler {
  return async (req, res) => {
    const locale = pickLocale(req.query.ui_locales, req.get('accept-language'));
    const flowId = typeof req.query.flow === 'string' ? req.query.flow : '';
    // One secret per browser, reused across flows, so two consents in parallel do not undo each other.
    const secret = browserSecretOf(deps, req) ?? newSecret();
    const flow = await bindBrowser(deps.db, flowId, secret, locale);
    if (typeof flow === 'string') return sendProblem(res, flow, locale);
    const secure = deps.config.http.publicUrl.startsWith('https:') ? '; Secure' : '';
    const maxAge = Math.ceil((flow.expiresAt.getTime() - Date.now()) / 1000);
    res.append(
      'Set-Cookie',
      `${browserCookieName(deps)}=${secret}; Path=/; HttpOnly; SameSite=Lax${secure}; Max-Age=${maxAge}`,
    );
    res.redirect(302, adminConsentUrl(deps.config, flow.tenantId, flow._id, locale));
  };
}

const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** `GET /auth/consent/callback`: Entra's answer to admin consent. A grant leads to the confirming sign-in. */
export function consentCallback(deps: ServerDeps): RequestHandler {
  return async (req, res) => {
    const query = entraAnswer.safeParse(req.query);
    const state = query.success ? query.data.state : undefined;
    const fallback =
      (state ? await flowLocale(deps.db, state) : null) ?? pickLocale(undefined, req.get('accept-language'));
    if (!query.success || !state) return sendProblem(res, 'response', fallback);
    const q = query.data;
    const browser = browserSecretOf(deps, req);
    if (q.error) {
      const flow = await consume(deps.db, state, browser, 'consenting');
      if (typeof flow === 'string') return sendProblem(res, flow, fallback);
      const reason = `${q.error}${q.error_description ? `: ${q.error_description}` : ''}`;
      await markRequestDenied(deps.db, flow.orgId, flow.tenantId, reason);
      await recordAudit(deps.db, {
        orgId: flow.orgId,
        actor: flow.requestedBy,
        action: 'tenant.consent_denied',
        target: { tenantId: flow.tenantId },
        details: { reason },
      });
      const message = consentText(flow.locale)('denied.entra', { reason });
      return sendResult(res, 200, { status: 'denied', tenantId: flow.tenantId, message }, flow.locale);
    }
    if (q.admin_consent?.toLowerCase() !== 'true') return sendProblem(res, 'neither', fallback);
    const signIn = { verifier: newSecret(), nonce: newSecret() };
    const flow = await advance(deps.db, state, browser, 'consenting', 'signing-in', { signIn });
    if (typeof flow === 'string') return sendProblem(res, flow, fallback);
    // Tokens and answers from before the consent know nothing of its permissions.
    deps.appTokens.forgetTenant(flow.tenantId);
    deps.directory.forgetTenant(flow.tenantId);
    res.redirect(
      302,
      tenantSignInUrl(deps.config, flow.tenantId, {
        state: flow._id,
        nonce: signIn.nonce,
        codeChallenge: pkceChallenge(signIn.verifier),
        locale: flow.locale,
      }),
    );
  };
}

/**
 * `GET /auth/consent/signed-in`: the tenant's administrator signed in. Their ID token must be of
 * that tenant and they must hold an admin role there; then they see what they are asked to confirm.
 */
export function signInCallback(deps: ServerDeps): RequestHandler {
  return async (req, res) => {
    const query = entraAnswer.safeParse(req.query);
    const state = query.success ? query.data.state : undefined;
    const fallback =
      (state ? await flowLocale(deps.db, state) : null) ?? pickLocale(undefined, req.get('accept-language'));
    if (!query.success || !state) return sendProblem(res, 'response', fallback);
    const browser = browserSecretOf(deps, req);
    const q = query.data;
    if (q.error || !q.code) {
      const flow = await consume(deps.db, state, browser, 'signing-in');
      if (typeof flow === 'string') return sendProblem(res, flow, fallback);
      const reason = q.error ? `${q.error}${q.error_description ? `: ${q.error_description}` : ''}` : '';
      return refuse(res, flow, consentText(flow.locale)('denied.signin', { reason }));
    }
    const flow = await advance(deps.db, state, browser, 'signing-in', 'confirming');
    if (typeof flow === 'string') return sendProblem(res, flow, fallback);
    const t = consentText(flow.locale);
    let confirmer;
    try {
      const idToken = await deps.appTokens.redeemSignInCode(flow.tenantId, {
        code: q.code,
        redirectUri: `${deps.config.http.publicUrl}/auth/consent/signed-in`,
        codeVerifier: flow.signIn!.verifier,
        nonce: flow.signIn!.nonce,
      });
      confirmer = await deps.tokens.validateIdToken(idToken, {
        tenantId: flow.tenantId,
        nonce: flow.signIn!.nonce,
      });
    } catch (err) {
      const failure = describeFailure(err);
      req.log.warn({ code: failure.code, status: failure.httpStatus }, 'tenant confirmation sign-in failed');
      await consume(deps.db, flow._id, browser, 'confirming');
      return refuse(res, flow, t('denied.signin', { reason: failure.message }));
    }
    const tenant = await readOrganization(deps, flow.tenantId);
    const tenantName = tenant?.displayName ?? flow.tenantId;
    const isAdmin =
      confirmer.adminClaim ?? (await deps.directory.isDirectoryAdmin(flow.tenantId, confirmer.userId));
    if (isAdmin === null) {
      await consume(deps.db, flow._id, browser, 'confirming');
      const error = t('unconfirmed.role', { user: confirmer.userPrincipalName });
      return sendResult(
        res,
        502,
        { status: 'unconfirmed', tenantId: flow.tenantId, message: t('unconfirmed', { error }) },
        flow.locale,
      );
    }
    if (!isAdmin) {
      await consume(deps.db, flow._id, browser, 'confirming');
      return refuse(
        res,
        flow,
        t('denied.not_admin', { user: confirmer.userPrincipalName, tenant: tenantName }),
      );
    }
    const signedIn = {
      userId: confirmer.userId,
      userPrincipalName: confirmer.userPrincipalName,
      tenantId: flow.tenantId,
      name: confirmer.name,
    };
    const holder = await getTenant(deps.db, flow.tenantId);
    if (holder && holder.orgId !== flow.orgId && holder.ownershipProven !== false) {
      await consume(deps.db, flow._id, browser, 'confirming');
      const org = (await getOrganization(deps.db, holder.orgId))?.name ?? holder.orgId;
      return refuse(res, flow, t('denied.elsewhere', { tenant: tenantName, org }));
    }
    if (holder?.orgId === flow.orgId) {
      // Already part of the organisation: the consent is renewed, nothing is decided about ownership.
      const done = await consume(deps.db, flow._id, browser, 'confirming');
      if (typeof done === 'string') return sendProblem(res, done, flow.locale);
      const [status, result] = await completeJoin(deps, { ...done, confirmer: signedIn });
      return sendResult(res, status, result, flow.locale);
    }
    await advance(deps.db, flow._id, browser, 'confirming', 'confirming', { confirmer: signedIn });
    const org = await getOrganization(deps.db, flow.orgId);
    res
      .status(200)
      .type('html')
      .send(
        renderConfirmPage({
          locale: flow.locale,
          state: flow._id,
          tenant: { id: flow.tenantId, name: tenantName },
          org: { name: org?.name ?? tenantName, isNew: !org },
          requester: flow.requestedBy.userPrincipalName,
          confirmer: confirmer.userPrincipalName,
        }),
      );
  };
}

function refuse(res: Response, flow: ConsentFlowDoc, message: string): void {
  sendResult(res, 200, { status: 'denied', tenantId: flow.tenantId, message }, flow.locale);
}
