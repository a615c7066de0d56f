import { createHash } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { authenticateClient } from './client-auth';
import { redeemDeviceCode } from './device-code';
import { appNotFound, EntraError, missingParameter, sendEntraError } from './errors';
import { hasServicePrincipal, requireGrant } from './grants';
import { delegatedScopes, parseScopes, type ScopeRequest } from './scopes';
import { resolveTenantPath, type TenantPath } from './tenants';
import { appOnlyToken, userTokenResponse, type ClientAuth } from './tokens';

/** `POST /{tenant}/oauth2/v2.0/token`: the grants the product and its tests use. */

type Form = Record<string, string | undefined>;

/** The device-code grant: the RFC 8628 URN (v2-oauth2-device-code.md) or `device_code`, as MSAL sends it. */
const DEVICE_CODE_GRANTS = ['urn:ietf:params:oauth:grant-type:device_code', 'device_code'];

interface Call {
  state: EmulatorState;
  path: TenantPath;
  form: Form;
  /** How the client proved itself: 0 not at all (public), 1 secret, 2 certificate. */
  auth: ClientAuth;
  /** The request came cross-origin from a browser (an `Origin` header). */
  isBrowser: boolean;
}

const invalidGrant = (code: number, description: string) =>
  new EntraError(400, 'invalid_grant', code, description);

function directoryName(path: TenantPath): string {
  return path.kind === 'tenant' ? path.tenant.displayName : path.alias;
}

function requireSecret(call: Call): void {
  if (call.auth === 0) {
    throw new EntraError(
      401,
      'invalid_client',
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    );
  }
}

function userInPath(call: Call, user: DirectoryUser | undefined): DirectoryUser {
  const tenantId = call.path.kind === 'tenant' ? call.path.tenant.id : undefined;
  if (!user || (tenantId && user.tenantId !== tenantId)) {
    throw invalidGrant(
      50034,
      `The user account {EUII Hidden} does not exist in the ${tenantId ?? 'organizations'} directory. To sign into this application, the account must be added to the directory.`,
    );
  }
  return user;
}

async function clientCredentials(call: Call) {
  requireSecret(call);
  if (call.path.kind !== 'tenant') {
    throw new EntraError(
      400,
      'invalid_request',
      50059,
      'No tenant-identifying information found in either the request or implied by any provided credentials.',
    );
  }
  const scope = call.form.scope ?? '';
  if (!scope.endsWith('/.default')) {
    throw new EntraError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    );
  }
  const tenant = call.path.tenant;
  if (!hasServicePrincipal(call.state, tenant.id))
    throw appNotFound(call.state.application.appId, tenant.displayName);
  const request = parseScopes(call.state, scope, tenant.displayName);
  return appOnlyToken(call.state, tenant, request, call.auth);
}

/** A user token only for what the user or their tenant consented to (AADSTS65001 otherwise). */
function consented(call: Call, user: DirectoryUser, request: ScopeRequest): ScopeRequest {
  requireGrant(call.state, user, request.resource, delegatedScopes(call.state, request));
  return request;
}

async function authorizationCode(call: Call) {
  const { form, state } = call;
  const codeValue = form.code ?? '';
  const code = state.codes.get(codeValue);
  if (!form.redirect_uri) throw missingParameter('redirect_uri');
  if (!code) throw invalidGrant(70000, "The provided value for the 'code' parameter is not valid.");
  if (code.redeemed) {
    throw invalidGrant(
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    );
  }
  if (code.expiresAt < Date.now()) {
    throw invalidGrant(
      70008,
      'The provided authorization code or refresh token has expired due to inactivity.',
    );
  }
  if (code.redirectUri !== form.redirect_uri) {
    throw invalidGrant(
      500112,
      `The reply address '${form.redirect_uri}' does not match the reply address '${code.redirectUri}' provided when requesting Authorization code.`,
    );
  }
  // SPA redirect URIs are redeemed from the browser only, web ones never (reference-error-codes.md).
  if (code.platform === 'spa' && !call.isBrowser) {
    throw new EntraError(
      400,
      'invalid_request',
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    );
  }
  if (code.platform === 'web' && call.isBrowser) {
    throw new EntraError(
      400,
      'invalid_request',
      9002326,
      "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.",
    );
  }
  if (code.codeChallenge) {
    const verifier = form.code_verifier;
    if (!verifier) throw missingParameter('code_verifier');
    const computed =
      code.codeChallengeMethod === 'plain'
        ? verifier
        : createHash('sha256').update(verifier).digest('base64url');
    if (computed !== code.codeChallenge) {
      throw invalidGrant(
        501481,
        'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    }
  }
  if (code.platform === 'web') requireSecret(call);
  code.redeemed = true;
  const user = userInPath(call, state.liveUser(code.userId));
  const request = consented(
    call,
    user,
    parseScopes(state, form.scope ?? code.scope, directoryName(call.path)),
  );
  return userTokenResponse(state, {
    user,
    request,
    nonce: code.nonce,
    clientInfo: form.client_info === '1',
    auth: call.auth,
  });
}

async function refreshToken(call: Call) {
  const grant = call.state.refreshTokens.get(call.form.refresh_token ?? '');
  if (!grant) throw invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');
  if (grant.expiresAt < Date.now())
    throw invalidGrant(700082, 'The refresh token has expired due to inactivity.');
  const user = userInPath(call, call.state.liveUser(grant.userId));
  const request = consented(call, user, parseScopes(call.state, call.form.scope, directoryName(call.path)));
  return userTokenResponse(call.state, {
    user,
    request,
    clientInfo: call.form.client_info === '1',
    auth: call.auth,
  });
}

async function password(call: Call) {
  const { form, state } = call;
  if (!form.username) throw missingParameter('username');
  const user = userInPath(call, state.liveUser(form.username));
  if (form.password !== user.password) {
    throw invalidGrant(50126, 'Error validating credentials due to invalid username or password.');
  }
  const request = consented(call, user, parseScopes(state, form.scope, directoryName(call.path)));
  return userTokenResponse(state, {
    user,
    request,
    clientInfo: form.client_info === '1',
    auth: call.auth,
  });
}

async function onBehalfOf(call: Call) {
  requireSecret(call);
  const { form, state } = call;
  if (!form.assertion) throw missingParameter('assertion');
  let claims;
  try {
    claims = await state.keys.verifySignature(form.assertion);
  } catch {
    throw invalidGrant(50013, 'Assertion failed signature validation.');
  }
  const expected = [state.application.appId, ...state.application.identifierUris];
  if (!expected.includes(String(claims.aud))) {
    throw invalidGrant(
      50013,
      `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${claims.aud}' and the expected audience is '${state.application.appId}' or one of the Application Id URIs of this application.`,
    );
  }
  if ((claims.exp ?? 0) * 1000 < Date.now()) {
    throw invalidGrant(500133, 'Assertion is not within its valid time range.');
  }
  const user = userInPath(call, state.liveUser(String(claims.oid)));
  const request = consented(call, user, parseScopes(state, form.scope, directoryName(call.path)));
  return userTokenResponse(state, { user, request, clientInfo: false, auth: call.auth });
}

const GRANTS: Record<string, (call: Call) => Promise<Record<string, unknown>>> = {
  client_credentials: clientCredentials,
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
  password,
  'urn:ietf:params:oauth:grant-type:jwt-bearer': onBehalfOf,
};

export function tokenRoutes(state: EmulatorState): Router {
  const router = Router();
  const cors = (req: Request, res: Response) => {
    // Entra allows cross-origin redemption for SPA redirect URIs; the browser tests need it.
    res.set('Access-Control-Allow-Origin', req.get('origin') ?? '*');
    res.set('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.set('Access-Control-Allow-Headers', req.get('access-control-request-headers') ?? '*');
    res.set('Access-Control-Expose-Headers', '*');
  };
  router.options('/:tenant/oauth2/v2.0/token', (req, res) => {
    cors(req, res);
    res.status(204).end();
  });
  router.post('/:tenant/oauth2/v2.0/token', express.urlencoded({ extended: false }), async (req, res) => {
    cors(req, res);
    try {
      const form = (req.body ?? {}) as Form;
      const path = resolveTenantPath(state, String(req.params.tenant));
      if (!form.grant_type) throw missingParameter('grant_type');
      if (!form.client_id) throw missingParameter('client_id');
      // A first-party public client's device code (device-code.ts), not our app's.
      if (DEVICE_CODE_GRANTS.includes(form.grant_type))
        return res.set('Cache-Control', 'no-store, no-cache').json(await redeemDeviceCode(state, form));
      if (form.client_id !== state.application.appId) throw appNotFound(form.client_id, directoryName(path));
      const auth = await authenticateClient(state, req, form);
      const grant = GRANTS[form.grant_type];
      if (!grant) {
        throw new EntraError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${form.grant_type}'.`,
        );
      }
      const call = {
        state,
        path,
        form,
        auth,
        isBrowser: req.get('origin') !== undefined,
      };
      res.set('Cache-Control', 'no-store, no-cache').json(await grant(call));
    } catch (err) {
      if (err instanceof EntraError) return sendEntraError(res, err);
      throw err;
    }
  });
  return router;
}
