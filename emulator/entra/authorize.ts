import { randomBytes, randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { EntraError } from './errors';
import {
  candidates,
  checkCredentials,
  endSession,
  renderSignIn,
  respondToClient,
  sessionUser,
  startSession,
} from './interaction';
import { errorPage } from './pages';
import { parseScopes } from './scopes';
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
  if (query.client_id !== state.app.clientId) {
    return {
      page: errorPage(
        700016,
        `Application with identifier '${query.client_id ?? ''}' was not found in the directory '${path.kind === 'tenant' ? path.tenant.displayName : path.alias}'.`,
      ),
    };
  }
  const redirectUri = query.redirect_uri ?? '';
  if (!state.redirectUriAllowed(redirectUri)) {
    return {
      page: errorPage(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${state.app.clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
      ),
    };
  }
  return { path, query, redirectUri, mode: query.response_mode ?? 'query' };
}

/** Problems reported back to the app at its redirect URI, as OAuth says. */
function protocolError(request: AuthorizeRequest): { error: string; description: string } | undefined {
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
    parseScopes(
      query.scope,
      query.client_id ?? '',
      path.kind === 'tenant' ? path.tenant.displayName : path.alias,
    );
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
    clientId: state.app.clientId,
    redirectUri: request.redirectUri,
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

export function authorizeRoutes(state: EmulatorState): Router {
  const router = Router();
  const signIn = (res: Response, request: AuthorizeRequest, error?: string) =>
    renderSignIn(state, res, {
      path: request.path,
      heading: 'Pick an account',
      explanation: `to continue to ${state.app.displayName}`,
      hidden: { q: new URLSearchParams(request.query as Record<string, string>).toString() },
      error,
      loginHint: request.query.login_hint,
    });

  router.get('/:tenant/oauth2/v2.0/authorize', (req: Request, res: Response) => {
    const request = validate(state, String(req.params.tenant), req.query as Query);
    if ('page' in request) return res.status(400).type('html').send(request.page);
    const problem = protocolError(request);
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
      if (session && inScope) return issueCode(state, res, request, session);
      return respondToClient(res, request.redirectUri, request.mode, {
        error: 'login_required',
        error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
        state: request.query.state,
      });
    }
    if (session && inScope && prompt === undefined && !request.query.login_hint) {
      return issueCode(state, res, request, session);
    }
    signIn(res, request);
  });

  router.post('/:tenant/oauth2/v2.0/authorize', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const query = Object.fromEntries(new URLSearchParams(body.q ?? '')) as Query;
    const request = validate(state, String(req.params.tenant), query);
    if ('page' in request) return res.status(400).type('html').send(request.page);
    const result = checkCredentials(state, request.path, body);
    if ('error' in result) return signIn(res, request, result.error);
    startSession(state, res, result.user);
    issueCode(state, res, request, result.user);
  });

  router.get('/:tenant/oauth2/v2.0/logout', (req, res) => {
    endSession(res);
    const target = String(req.query.post_logout_redirect_uri ?? '');
    if (target && state.redirectUriAllowed(target)) return res.redirect(302, target);
    res.type('html').send('<!doctype html><title>Signed out</title><p>You signed out of your account.</p>');
  });
  return router;
}
