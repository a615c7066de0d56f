import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { decodeJwt, decodeProtectedHeader, exportJWK, jwtVerify, SignJWT } from 'jose';
import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { invalidCredentials, type GoogleApiError } from './errors';
import type { AccessGrant } from './state';

/**
 * Google's OAuth 2.0 and OpenID Connect endpoints, under /google:
 * - `POST /token`: the JWT-bearer grant of a service account (RFC 7523) with `sub` naming the user
 *   it acts for — allowed only when that user's Workspace authorized the service account's client
 *   ID for every scope asked (domain-wide delegation) — and the authorization-code grant of sign-in;
 * - `GET|POST /o/oauth2/v2/auth`: sign-in of a Workspace account, returning a code;
 * - `GET /oauth2/v1/certs` (X.509, PEM) and `/oauth2/v3/certs` (JWKS): the ID-token signing key;
 * - `GET /.well-known/openid-configuration`.
 */

const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const issuer = 'https://accounts.google.com';

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

export function accessGrantOf(state: EmulatorState, req: Request): AccessGrant {
  const header = req.headers.authorization ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  const grant = state.google.accessTokens.get(token);
  if (!grant || grant.expiresAt < Date.now()) throw invalidCredentials() as GoogleApiError;
  return grant;
}

function workspaceOf(state: EmulatorState, user: DirectoryUser) {
  return state.world.workspaces.find((w) => w.id === user.tenantId);
}

/** A Workspace user by primary email (or id), as Google looks up `sub`. */
export function workspaceUser(state: EmulatorState, key: string): DirectoryUser | undefined {
  const user = state.world.user(key);
  return user && workspaceOf(state, user) ? user : undefined;
}

export function oauthRoutes(state: EmulatorState): Router {
  const router = Router();
  const google = state.google;
  const tokenUrl = () => `${state.baseUrl}/google/token`;

  router.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer,
      authorization_endpoint: `${state.baseUrl}/google/o/oauth2/v2/auth`,
      token_endpoint: tokenUrl(),
      jwks_uri: `${state.baseUrl}/google/oauth2/v3/certs`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'hd', 'iat', 'iss', 'name', 'sub', 'nonce'],
    });
  });
  router.get('/oauth2/v1/certs', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.json({ [google.idTokenKey.kid]: google.idTokenKey.certificatePem });
  });
  router.get('/oauth2/v3/certs', async (_req, res) => {
    const jwk = await exportJWK(google.idTokenKey.publicKey);
    res.json({ keys: [{ ...jwk, kid: google.idTokenKey.kid, alg: 'RS256', use: 'sig' }] });
  });

  router.post('/token', express.urlencoded({ extended: false, limit: '64kb' }), async (req, res) => {
    const form = (req.body ?? {}) as Record<string, string>;
    if (form.grant_type === jwtBearer) return serviceAccountGrant(form.assertion ?? '', res);
    if (form.grant_type === 'authorization_code') return codeGrant(req, form, res);
    oauthError(res, 400, 'unsupported_grant_type', 'Invalid grant_type: ' + String(form.grant_type ?? ''));
  });

  async function serviceAccountGrant(assertion: string, res: Response): Promise<void> {
    let claims: ReturnType<typeof decodeJwt>;
    try {
      decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch {
      return oauthError(res, 400, 'invalid_grant', 'Invalid JWT: the assertion is not a JWT.');
    }
    if (claims.iss !== google.serviceAccount.email)
      return oauthError(res, 401, 'invalid_client', 'The OAuth client was not found.');
    try {
      await jwtVerify(assertion, google.serviceAccount.publicKey, {
        algorithms: ['RS256'],
        clockTolerance: 1e9,
      });
    } catch {
      return oauthError(res, 400, 'invalid_grant', 'Invalid JWT Signature.');
    }
    const now = Math.floor(Date.now() / 1000);
    if (claims.aud !== tokenUrl() || typeof claims.exp !== 'number' || typeof claims.iat !== 'number')
      return oauthError(res, 400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
    if (claims.exp - claims.iat > 3600 || claims.exp < now - 60 || claims.iat > now + 300)
      return oauthError(
        res,
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.',
      );
    const scopes = String(claims.scope ?? '')
      .split(' ')
      .filter(Boolean);
    if (scopes.length === 0)
      return oauthError(res, 400, 'invalid_scope', 'Empty or missing scope not allowed.');
    if (typeof claims.sub !== 'string')
      return oauthError(res, 400, 'invalid_grant', 'Domain-wide delegation needs the user in sub.');
    const user = workspaceUser(state, claims.sub);
    if (!user) return oauthError(res, 400, 'invalid_grant', 'Invalid email or User ID');
    const authorized = google.authorizedScopes(user.tenantId, google.serviceAccount.clientId);
    if (!scopes.every((s) => authorized.has(s)))
      return oauthError(
        res,
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    google.accessTokens.set(token, {
      userId: user.id,
      scopes: new Set(scopes),
      expiresAt: Date.now() + 3599_000,
    });
    res.json({ access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }

  async function codeGrant(req: Request, form: Record<string, string>, res: Response): Promise<void> {
    let clientId = form.client_id;
    let secret = form.client_secret;
    const basic = req.headers.authorization?.startsWith('Basic ') ? req.headers.authorization.slice(6) : null;
    if (basic) [clientId, secret] = Buffer.from(basic, 'base64').toString().split(':');
    if (clientId !== google.oauthClient.clientId || secret !== google.oauthClient.clientSecret)
      return oauthError(res, 401, 'invalid_client', 'Unauthorized');
    const code = google.codes.get(form.code ?? '');
    if (!code || code.redeemed || code.expiresAt < Date.now() || code.clientId !== clientId)
      return oauthError(res, 400, 'invalid_grant', 'Malformed auth code.');
    if (code.redirectUri !== form.redirect_uri)
      return oauthError(res, 400, 'redirect_uri_mismatch', 'Bad Request');
    code.redeemed = true;
    const user = state.world.user(code.userId)!;
    const workspace = workspaceOf(state, user)!;
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      azp: clientId,
      email: user.mail,
      email_verified: true,
      hd: workspace.verifiedDomains[0],
      name: user.displayName,
      given_name: user.givenName,
      family_name: user.surname,
      ...(code.nonce ? { nonce: code.nonce } : {}),
    })
      .setProtectedHeader({ alg: 'RS256', kid: google.idTokenKey.kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(clientId)
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(google.idTokenKey.privateKey);
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    google.accessTokens.set(token, {
      userId: user.id,
      scopes: new Set(code.scope.split(' ')),
      expiresAt: Date.now() + 3599_000,
    });
    res.json({
      access_token: token,
      expires_in: 3599,
      scope: code.scope,
      token_type: 'Bearer',
      id_token: idToken,
    });
  }

  // Sign-in: a page with the account's email and password; the form posts back here.
  const signIn = (req: Request, res: Response) => {
    const params = {
      ...(req.query as Record<string, string>),
      ...((req.body ?? {}) as Record<string, string>),
    };
    if (params.client_id !== google.oauthClient.clientId)
      return res
        .status(401)
        .type('html')
        .send('<h1>Error 401: invalid_client</h1><p>The OAuth client was not found.</p>');
    if (!params.redirect_uri || !redirectAllowed(state, params.redirect_uri))
      return res.status(400).type('html').send('<h1>Error 400: redirect_uri_mismatch</h1>');
    if (
      params.response_type !== 'code' ||
      !String(params.scope ?? '')
        .split(' ')
        .includes('openid')
    )
      return res.status(400).type('html').send('<h1>Error 400: invalid_request</h1>');
    if (req.method === 'POST') {
      const user = workspaceUser(state, String(params.email ?? ''));
      if (user && params.password === user.password && user.plantedError !== 'suspended') {
        const code = `4/0A${randomBytes(24).toString('base64url')}`;
        google.codes.set(code, {
          clientId: params.client_id,
          redirectUri: params.redirect_uri,
          userId: user.id,
          nonce: params.nonce ?? null,
          scope: params.scope!,
          expiresAt: Date.now() + 10 * 60_000,
          redeemed: false,
        });
        const target = new URL(params.redirect_uri);
        if (params.state) target.searchParams.set('state', params.state);
        target.searchParams.set('code', code);
        target.searchParams.set('scope', params.scope!);
        target.searchParams.set('hd', workspaceOf(state, user)!.verifiedDomains[0]!);
        return res.redirect(302, target.toString());
      }
    }
    const hidden = Object.entries(params)
      .filter(([k]) => !['email', 'password'].includes(k))
      .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(String(v))}">`)
      .join('');
    res
      .status(req.method === 'POST' ? 401 : 200)
      .type('html')
      .send(
        `<!doctype html><title>Sign in - Google Accounts</title><h1>Sign in</h1>` +
          (req.method === 'POST' ? '<p role="alert">Wrong email or password.</p>' : '') +
          `<form method="post">${hidden}<label>Email <input name="email" value="${escape(String(params.login_hint ?? ''))}"></label>` +
          `<label>Password <input name="password" type="password"></label><button>Next</button></form>`,
      );
  };
  router.get('/o/oauth2/v2/auth', signIn);
  router.post('/o/oauth2/v2/auth', express.urlencoded({ extended: false, limit: '16kb' }), signIn);
  return router;
}

/**
 * The OAuth client's authorized redirect URIs: those of the product's registration, and (as for
 * a development client) any on localhost.
 */
function redirectAllowed(state: EmulatorState, uri: string): boolean {
  if (state.redirectPlatform(uri) === 'web') return true;
  try {
    const url = new URL(uri);
    return (url.hostname === 'localhost' || url.hostname === '127.0.0.1') && /^https?:$/.test(url.protocol);
  } catch {
    return false;
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
