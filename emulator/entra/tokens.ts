import { randomBytes, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import {
  APPLICATION_PERMISSIONS,
  DEMO_APP_ROLE_ADMIN,
  GLOBAL_ADMIN_ROLE_ID,
  GRAPH_RESOURCE,
} from '../scenario/constants';
import type { DirectoryUser, Tenant } from '../scenario/directory';
import { guidFrom } from '../scenario/prng';
import type { EmulatorState } from '../state';
import { delegatedScopes, type ScopeRequest } from './scopes';

/** Tokens as Entra ID v2.0 issues them: claims, lifetimes and the token response body. */

export const ACCESS_TOKEN_LIFETIME_S = 3599;
const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;

export const issuerFor = (state: EmulatorState, tenantId: string) => `${state.baseUrl}/${tenantId}/v2.0`;

/** The app's service principal object id in a tenant (`oid`/`sub` of app-only tokens). */
export const servicePrincipalId = (tenantId: string, clientId: string) => guidFrom('sp', tenantId, clientId);

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function baseClaims(
  state: EmulatorState,
  tenantId: string,
  audience: string,
): JWTPayload & Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: audience,
    iss: issuerFor(state, tenantId),
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_LIFETIME_S,
    tid: tenantId,
    uti: randomBytes(16).toString('base64url').slice(0, 22),
    ver: '2.0',
  };
}

const audienceOf = (state: EmulatorState, resource: 'graph' | 'api') =>
  resource === 'graph' ? GRAPH_RESOURCE : state.app.clientId;

/** App-only token: `roles` lists the application permissions the tenant has consented to. */
export async function appOnlyToken(state: EmulatorState, tenant: Tenant, resource: 'graph' | 'api') {
  const sp = servicePrincipalId(tenant.id, state.app.clientId);
  const roles =
    resource === 'graph' && state.consentOf(tenant.id) === 'granted'
      ? APPLICATION_PERMISSIONS.map((p) => p.value)
      : [];
  const claims = {
    ...baseClaims(state, tenant.id, audienceOf(state, resource)),
    azp: state.app.clientId,
    azpacr: '1',
    appid: state.app.clientId,
    idtyp: 'app',
    oid: sp,
    sub: sp,
    ...(roles.length > 0 ? { roles } : {}),
  };
  return {
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: await state.keys.sign(claims),
  };
}

export function userAccessClaims(
  state: EmulatorState,
  user: DirectoryUser,
  resource: 'graph' | 'api',
  scopes: string[],
  confidential: boolean,
) {
  return {
    ...baseClaims(state, user.tenantId, audienceOf(state, resource)),
    azp: state.app.clientId,
    azpacr: confidential ? '1' : '0',
    ...(resource === 'graph' ? { appid: state.app.clientId } : {}),
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    scp: scopes.join(' '),
    sub: guidFrom('sub', user.id, state.app.clientId).replace(/-/g, '').slice(0, 43),
    ...(resource === 'api' && user.isAdmin ? { roles: [DEMO_APP_ROLE_ADMIN] } : {}),
    ...(user.isAdmin ? { wids: [GLOBAL_ADMIN_ROLE_ID] } : {}),
  };
}

/** The token response of every user flow: access token, and id/refresh tokens when asked for. */
export async function userTokenResponse(
  state: EmulatorState,
  p: {
    user: DirectoryUser;
    request: ScopeRequest;
    nonce?: string;
    clientInfo: boolean;
    confidential: boolean;
  },
) {
  const scopes = delegatedScopes(p.request);
  const access = await state.keys.sign(
    userAccessClaims(state, p.user, p.request.resource, scopes, p.confidential),
  );
  const scopeText =
    p.request.resource === 'api' ? scopes.map((s) => `api://${state.app.clientId}/${s}`) : scopes.slice();
  const response: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: [...scopeText, ...p.request.oidc.filter((s) => s !== 'offline_access')].join(' '),
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: access,
  };
  if (p.request.oidc.includes('offline_access')) {
    const refresh = `1.Emu${randomBytes(48).toString('base64url')}`;
    state.refreshTokens.set(refresh, {
      clientId: state.app.clientId,
      userId: p.user.id,
      expiresAt: Date.now() + REFRESH_TOKEN_LIFETIME_MS,
    });
    response.refresh_token = refresh;
    response.refresh_token_expires_in = REFRESH_TOKEN_LIFETIME_MS / 1000;
  }
  if (p.request.oidc.includes('openid')) response.id_token = await idToken(state, p.user, p.nonce);
  if (p.clientInfo) response.client_info = base64url({ uid: p.user.id, utid: p.user.tenantId });
  return response;
}

export async function idToken(state: EmulatorState, user: DirectoryUser, nonce?: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return state.keys.sign({
    aud: state.app.clientId,
    iss: issuerFor(state, user.tenantId),
    iat: now,
    nbf: now,
    exp: now + ACCESS_TOKEN_LIFETIME_S,
    name: user.displayName,
    ...(nonce ? { nonce } : {}),
    oid: user.id,
    preferred_username: user.userPrincipalName,
    email: user.mail,
    rh: `0.Emu${randomUUID().slice(0, 8)}.`,
    sub: guidFrom('sub', user.id, state.app.clientId).replace(/-/g, '').slice(0, 43),
    tid: user.tenantId,
    uti: randomBytes(16).toString('base64url').slice(0, 22),
    ver: '2.0',
  });
}
