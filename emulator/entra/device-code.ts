import { randomBytes, randomInt } from 'node:crypto';
import express, { Router } from 'express';
import { GRAPH_RESOURCE, GRAPH_COMMAND_LINE_TOOLS_APP_ID } from '../scenario/constants';
import type { DirectoryUser } from '../scenario/directory';
import { guidFrom } from '../scenario/prng';
import type { EmulatorState } from '../state';
import { EntraError, missingParameter, sendEntraError } from './errors';
import { esc, hiddenFields, page } from './pages';
import { resolveTenantPath, type TenantPath } from './tenants';
import { ACCESS_TOKEN_LIFETIME_S, v1IssuerFor } from './tokens';

/**
 * The device authorization grant (entra-docs docs/identity-platform/v2-oauth2-device-code.md):
 * `POST /{tenant}/oauth2/v2.0/devicecode` hands out a device code and a short user code; the person
 * opens `verification_uri` (here `/devicelogin`) in any browser, enters the code and signs in; the
 * client meanwhile polls the token endpoint, which answers `authorization_pending` until then,
 * `authorization_declined`, `expired_token` or `bad_verification_code`. Codes live 15 minutes.
 *
 * Only Microsoft's first-party public clients sign in this way here (Microsoft Graph Command Line
 * Tools, which asks for delegated Graph permissions such as Application.ReadWrite.All): it is how
 * an administrator manages app registrations before the product has one. Tokens are Graph's (v1.0).
 */

export interface DeviceCode {
  tenant: TenantPath;
  clientId: string;
  scopes: string[];
  userCode: string;
  expiresAt: number;
  /** Set when the person signed in at the verification page; `declined` when they refused. */
  userId?: string;
  declined?: boolean;
  redeemed?: boolean;
}

const LIFETIME_S = 900;
/** Polling interval: Entra says 5 s; the emulator answers within a second, so 1 s keeps tests short. */
const INTERVAL_S = 1;
const PUBLIC_CLIENTS = new Set([GRAPH_COMMAND_LINE_TOOLS_APP_ID]);
/** Delegated Graph permissions these clients may ask for (their admin consent in every tenant). */
export const APP_MANAGEMENT_SCOPES = ['Application.Read.All', 'Application.ReadWrite.All', 'User.Read'];
const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

/** `https://graph.microsoft.com/Application.ReadWrite.All` or the short form → `Application.ReadWrite.All`. */
function graphScopes(raw: string): string[] {
  const scopes = raw.split(/\s+/).filter(Boolean);
  const unknown: string[] = [];
  const names = scopes
    .filter((s) => !OIDC.has(s))
    .map((s) => (/^https?:\/\//.test(s) ? s.slice(s.lastIndexOf('/') + 1) : s))
    .filter((s) => {
      const known = APP_MANAGEMENT_SCOPES.find((k) => k.toLowerCase() === s.toLowerCase());
      if (!known) unknown.push(s);
      return !!known;
    });
  if (unknown.length > 0 || names.length === 0) {
    throw new EntraError(
      400,
      'invalid_scope',
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${unknown.join(' ') || raw} is not valid.`,
    );
  }
  return names.map((n) => APP_MANAGEMENT_SCOPES.find((k) => k.toLowerCase() === n.toLowerCase())!);
}

const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';
const newUserCode = () => Array.from({ length: 9 }, () => userCodeAlphabet[randomInt(20)]).join('');

/** The token endpoint's `urn:ietf:params:oauth:grant-type:device_code` grant. */
export async function redeemDeviceCode(
  state: EmulatorState,
  form: Record<string, string | undefined>,
): Promise<Record<string, unknown>> {
  if (!form.device_code) throw missingParameter('device_code');
  const code = state.deviceCodes.get(form.device_code);
  if (!code || code.clientId !== form.client_id || code.redeemed)
    throw new EntraError(400, 'bad_verification_code', 70019, 'Verification code invalid.');
  if (code.expiresAt < Date.now())
    throw new EntraError(
      400,
      'expired_token',
      70020,
      'The provided authorization code or refresh token has expired.',
    );
  if (code.declined)
    throw new EntraError(
      400,
      'authorization_declined',
      70019,
      'The end user declined the authorization request.',
    );
  const user = code.userId ? state.liveUser(code.userId) : undefined;
  if (!user)
    throw new EntraError(
      400,
      'authorization_pending',
      70016,
      'OAuth 2.0 device flow error. Authorization is pending. Continue polling.',
    );
  code.redeemed = true;
  return {
    token_type: 'Bearer',
    scope: code.scopes.join(' '),
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: await graphToken(state, user, code),
    client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString('base64url'),
    id_token: await idToken(state, user, code.clientId),
  };
}

/** A v1.0 Graph token for a first-party public client (access-token-claims-reference.md). */
function graphToken(state: EmulatorState, user: DirectoryUser, code: DeviceCode): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return state.keys.sign({
    aud: GRAPH_RESOURCE,
    iss: v1IssuerFor(user.tenantId),
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_LIFETIME_S,
    tid: user.tenantId,
    ver: '1.0',
    appid: code.clientId,
    appidacr: '0',
    oid: user.id,
    sub: guidFrom('sub', user.id, code.clientId),
    upn: user.userPrincipalName,
    unique_name: user.userPrincipalName,
    name: user.displayName,
    scp: code.scopes.join(' '),
    ...(user.directoryRoles.length > 0 ? { wids: user.directoryRoles } : {}),
  });
}

function idToken(state: EmulatorState, user: DirectoryUser, clientId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return state.keys.sign({
    aud: clientId,
    iss: `${state.baseUrl}/${user.tenantId}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_LIFETIME_S,
    oid: user.id,
    sub: guidFrom('sub', user.id, clientId),
    tid: user.tenantId,
    name: user.displayName,
    preferred_username: user.userPrincipalName,
    ver: '2.0',
  });
}

function codeForm(hidden: Record<string, string>, error?: string): string {
  return page(
    'Enter code',
    `<h1>Enter code</h1><p class="note">Enter the code displayed on your app or device, then sign in.</p>
${error ? `<p class="error" role="alert" data-testid="error">${esc(error)}</p>` : ''}
<form method="post" data-testid="device-login">${hiddenFields(hidden)}
<label for="otc">Code</label><input id="otc" name="otc" autocomplete="off">
<label for="username">Email</label><input id="username" name="username" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password">
<button class="secondary" type="submit" name="decision" value="decline" id="decline">Cancel</button>
<button class="primary" type="submit" name="decision" value="accept" id="next">Sign in</button></form>`,
  );
}

export function deviceCodeRoutes(state: EmulatorState): Router {
  const router = Router();
  router.post('/:tenant/oauth2/v2.0/devicecode', express.urlencoded({ extended: false }), (req, res) => {
    try {
      const form = (req.body ?? {}) as Record<string, string | undefined>;
      const tenant = resolveTenantPath(state, String(req.params.tenant));
      if (!form.client_id) throw missingParameter('client_id');
      if (!PUBLIC_CLIENTS.has(form.client_id))
        throw new EntraError(
          400,
          'invalid_client',
          7000218,
          "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        );
      const scopes = graphScopes(form.scope ?? '');
      const deviceCode = `DAQAB${randomBytes(48).toString('base64url')}`;
      const userCode = newUserCode();
      state.deviceCodes.set(deviceCode, {
        tenant,
        clientId: form.client_id,
        scopes,
        userCode,
        expiresAt: Date.now() + LIFETIME_S * 1000,
      });
      const verificationUri = `${state.baseUrl}/devicelogin`;
      res.set('Cache-Control', 'no-store, no-cache').json({
        user_code: userCode,
        device_code: deviceCode,
        verification_uri: verificationUri,
        expires_in: LIFETIME_S,
        interval: INTERVAL_S,
        message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
      });
    } catch (err) {
      if (err instanceof EntraError) return sendEntraError(res, err);
      throw err;
    }
  });
  router.get('/devicelogin', (_req, res) => res.type('html').send(codeForm({})));
  router.post('/devicelogin', express.urlencoded({ extended: false }), (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const otc = (body.otc ?? '').trim().toUpperCase();
    const code = [...state.deviceCodes.values()].find(
      (c) => c.userCode === otc && !c.redeemed && c.expiresAt > Date.now(),
    );
    if (!code) return res.status(400).type('html').send(codeForm({}, 'AADSTS70019: That code didn’t work.'));
    if (body.decision === 'decline') {
      code.declined = true;
      return res
        .type('html')
        .send(page('Signed out', '<h1 data-testid="declined">You cancelled sign-in</h1>'));
    }
    const user = state.liveUser((body.username ?? '').trim());
    const inTenant = code.tenant.kind === 'multi' || user?.tenantId === code.tenant.tenant.id;
    if (!user || !inTenant || body.password !== user.password)
      return res
        .status(400)
        .type('html')
        .send(codeForm({}, 'AADSTS50126: Your account or password is incorrect.'));
    code.userId = user.id;
    res
      .type('html')
      .send(
        page(
          'Signed in',
          `<h1 data-testid="device-signed-in">You have signed in</h1><p class="note">You have signed in to Microsoft Graph Command Line Tools as ${esc(user.userPrincipalName)} on your device. You may now close this window.</p>`,
        ),
      );
  });
  return router;
}
