import { randomBytes, randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { EntraError } from './errors';
import { grantForUser, grantTenantWide, mayConsent, missingScopes } from './grants';
import {
  candidates,
  checkCredentials,
  endSession,
  renderSignIn,
  respondToClient,
  sessionUser,
  startSession,
} from './interaction';
import { errorPage, needsAdminPage, userConsentPage } from './pages';
import { delegatedScopes, parseScopes, type ScopeRequest } from './scopes';
import { resolveTenantPath, type TenantPath } from './tenants';

/**
 * `/{tenant}/oauth2/v2.0/authorize`: the authorization-code flow with PKCE, a sign-in page that
 * lists the tenant's accounts, `prompt=none` on an existing session, and `logout`.
 */

type Query = Record<string, string | undefined>;

interface AuthorizeRequest {
  path: TenantPath;
  query: Query;
  redirectUri: string;
  platform: 'spa' | 'web';
  mode: string;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

/** Problems shown on Entra's own page (the redirect URI cannot be trusted yet). */
function validate(state: EmulatorState, tenant: string, query: Query): AuthorizeRequest | { page: string } {
  let path: TenantPath;
  try {
    path = resolveTenantPath(state, tenant);
  } catch (err) {
    const e = err as EntraError;
    return { page: errorPage(e.code, e.description) };
  }
  if (query.client_id !== state.application.appId) {
    return {
      page: errorPage(
        700016,
        `Application with identifier '${query.client_id ?? ''}' was not found in the directory '${path.kind === 'tenant' ? path.tenant.displayName : path.alias}'.`,
      ),
    };
  }
  const redirectUri = query.redirect_uri ?? '';
  const platform = state.redirectPlatform(redirectUri);
  if (!platform) {
    return {
      page: errorPage(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${state.application.appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
      ),
    };
  }
  return { path, query, redirectUri, platform, mode: query.response_mode ?? 'query' };
}

/** Problems reported back to the app at its redirect URI, as OAuth says. */
function protocolError(
  state: EmulatorState,
  request: AuthorizeRequest,
): { error: string; description: string } | undefined {
  const { query, path } = request;
  if (!(query.response_type ?? '').split(' ').includes('code')) {
    return {
      error: 'unsupported_response_type',
      description: "AADSTS700054: response_type 'code' is required.",
    };
  }
  if (query.code_challenge && !['S256', 'plain', undefined].includes(query.code_challenge_method)) {
    return { error: 'invalid_request', description: 'AADSTS501491: Invalid code_challenge_method.' };
  }
  try {
    parseScopes(state, query.scope, path.kind === 'tenant' ? path.tenant.displayName : path.alias);
  } catch (err) {
    const e = err as EntraError;
    return { error: e.error, description: `AADSTS${e.code}: ${e.description}` };
  }
  return undefined;
}

function issueCode(
  state: EmulatorState,
  res: Response,
  request: AuthorizeRequest,
  user: DirectoryUser,
): void {
  const { query } = request;
  const code = `1.Emu${randomBytes(36).toString('base64url')}`;
  state.codes.set(code, {
    clientId: state.application.appId,
    redirectUri: request.redirectUri,
    platform: request.platform,
    userId: user.id,
    scope: query.scope ?? '',
    nonce: query.nonce,
    codeChallenge: query.code_challenge,
    codeChallengeMethod: query.code_challenge_method ?? (query.code_challenge ? 'plain' : undefined),
    expiresAt: Date.now() + CODE_LIFETIME_MS,
    redeemed: false,
  });
  respondToClient(res, request.redirectUri, request.mode, {
    code,
    client_info:
      query.client_info === '1'
        ? Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString('base64url')
        : undefined,
    state: query.state,
    session_state: randomUUID(),
  });
}

const tenantName = (state: EmulatorState, request: AuthorizeRequest) =>
  request.path.kind === 'tenant' ? request.path.tenant.displayName : request.path.alias;

function scopeRequest(state: EmulatorState, request: AuthorizeRequest): ScopeRequest {
  return parseScopes(state, request.query.scope, tenantName(state, request));
}

/**
 * Issues the code once grants cover the request. Otherwise the user is asked to consent — an admin
 * may consent for themselves or for the whole organisation; a user may only where the tenant's
 * policy lets users consent, and sees "Need admin approval" elsewhere (application-consent-
 * experience.md, configure-user-consent.md). Without interaction (`prompt=none`): `consent_required`.
 */
function completeSignIn(state: EmulatorState, res: Response, request: AuthorizeRequest, user: DirectoryUser) {
  const wanted = scopeRequest(state, request);
  const missing = missingScopes(state, user, wanted.resource, delegatedScopes(state, wanted));
  if (missing.length === 0) return issueCode(state, res, request, user);
  if (request.query.prompt === 'none') {
    return respondToClient(res, request.redirectUri, request.mode, {
      error: 'consent_required',
      error_description: `AADSTS65001: The user or administrator has not consented to use the application with ID '${state.application.appId}' named '${state.application.displayName}'. Send an interactive authorization request for this user and resource.`,
      state: request.query.state,
    });
  }
  const hidden = {
    q: new URLSearchParams(request.query as Record<string, string>).toString(),
    username: user.userPrincipalName,
  };
  const tenant = state.world.tenant(user.tenantId)!;
  if (!mayConsent(state, user)) {
    return res
      .status(200)
      .type('html')
      .send(
        needsAdminPage({
          appName: state.application.displayName,
          tenantName: tenant.displayName,
          user,
          hidden: { ...hidden, step: 'declined' },
        }),
      );
  }
  res
    .status(200)
    .type('html')
    .send(
      userConsentPage({
        appName: state.application.displayName,
        user,
        tenantName: tenant.displayName,
        scopes: missing,
        canConsentForOrganization: user.isAdmin,
        hidden: { ...hidden, step: 'consent' },
      }),
    );
}

const declined = (state: EmulatorState, res: Response, request: AuthorizeRequest) =>
  respondToClient(res, request.redirectUri, request.mode, {
    error: 'access_denied',
    error_subcode: 'cancel',
    error_description: 'AADSTS65004: User declined to consent to access the app.',
    state: request.query.state,
  });

export function authorizeRoutes(state: EmulatorState): Router {
  const router = Router();
  const signIn = (res: Response, request: AuthorizeRequest, error?: string) =>
    renderSignIn(state, res, {
      path: request.path,
      heading: 'Pick an account',
      explanation: `to continue to ${state.application.displayName}`,
      hidden: { q: new URLSearchParams(request.query as Record<string, string>).toString() },
      error,
      loginHint: request.query.login_hint,
    });

  router.get('/:tenant/oauth2/v2.0/authorize', (req: Request, res: Response) => {
    const request = validate(state, String(req.params.tenant), req.query as Query);
    if ('page' in request) return res.status(400).type('html').send(request.page);
    const problem = protocolError(state, request);
    if (problem) {
      return respondToClient(res, request.redirectUri, request.mode, {
        error: problem.error,
        error_description: problem.description,
        state: request.query.state,
      });
    }
    const session = sessionUser(state, req);
    const inScope = session && candidates(state, request.path).some((u) => u.id === session.id);
    const prompt = request.query.prompt;
    if (prompt === 'none') {
      if (session && inScope) return completeSignIn(state, res, request, session);
      return respondToClient(res, request.redirectUri, request.mode, {
        error: 'login_required',
        error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
        state: request.query.state,
      });
    }
    if (session && inScope && prompt === undefined && !request.query.login_hint) {
      return completeSignIn(state, res, request, session);
    }
    signIn(res, request);
  });

  router.post('/:tenant/oauth2/v2.0/authorize', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const query = Object.fromEntries(new URLSearchParams(body.q ?? '')) as Query;
    const request = validate(state, String(req.params.tenant), query);
    if ('page' in request) return res.status(400).type('html').send(request.page);
    if (body.step === 'consent' || body.step === 'declined') {
      // The answer to the consent page: only from the browser session that signed in.
      const user = sessionUser(state, req);
      if (!user || user.userPrincipalName !== body.username) return signIn(res, request);
      if (body.step === 'declined' || body.decision !== 'accept') return declined(state, res, request);
      const wanted = scopeRequest(state, request);
      const scopes = delegatedScopes(state, wanted);
      if (body.organization === 'on' && user.isAdmin)
        grantTenantWide(state, user.tenantId, wanted.resource, scopes);
      else if (mayConsent(state, user)) grantForUser(state, user, wanted.resource, scopes);
      return completeSignIn(state, res, request, user);
    }
    const result = checkCredentials(state, request.path, body);
    if ('error' in result) return signIn(res, request, result.error);
    startSession(state, res, result.user);
    completeSignIn(state, res, request, result.user);
  });

  router.get('/:tenant/oauth2/v2.0/logout', (req, res) => {
    endSession(res);
    const target = String(req.query.post_logout_redirect_uri ?? '');
    if (target && state.redirectPlatform(target)) return res.redirect(302, target);
    res.type('html').send('<!doctype html><title>Signed out</title><p>You signed out of your account.</p>');
  });
  return router;
}
