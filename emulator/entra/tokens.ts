import { randomBytes, randomUUID } from 'node:crypto';
import type { JWTPayload } from 'jose';
import { GRAPH_RESOURCE } from '../scenario/constants';
import type { DirectoryUser, Tenant } from '../scenario/directory';
import { guidFrom } from '../scenario/prng';
import type { EmulatorState } from '../state';
import { accessTokenVersion, emitsDirectoryRoles, hasOptionalClaim, type Resource } from './application';
import { grantedAppRoles } from './grants';
import { delegatedScopes, type ScopeRequest } from './scopes';

/**
 * Tokens as Entra ID issues them (access-tokens.md, access-token-claims-reference.md,
 * id-token-claims-reference.md). An access token's format follows the *resource*: our API gets
 * v1.0 or v2.0 tokens as its registration's `api.requestedAccessTokenVersion` says (null → v1.0),
 * Microsoft Graph always gets v1.0. ID tokens from the v2.0 endpoints are v2.0.
 */

export const ACCESS_TOKEN_LIFETIME_S = 3599;
const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;

/** v2.0 issuer of this "cloud" (the emulator's own host). */
export const issuerFor = (state: EmulatorState, tenantId: string) => `${state.baseUrl}/${tenantId}/v2.0`;
/** v1.0 issuer: Entra's security token service, as in the public cloud. */
export const v1IssuerFor = (tenantId: string) => `https://sts.windows.net/${tenantId}/`;

/** How the client proved itself: 0 public client, 1 secret, 2 certificate (`azpacr`/`appidacr`). */
export type ClientAuth = 0 | 1 | 2;

/** The app's service principal object id in a tenant (`oid`/`sub` of app-only tokens). */
export const servicePrincipalId = (tenantId: string, clientId: string) => guidFrom('sp', tenantId, clientId);

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const uti = () => randomBytes(16).toString('base64url').slice(0, 22);

function envelope(state: EmulatorState, tenantId: string, resource: Resource, audience: string) {
  const ver = accessTokenVersion(state.application, resource);
  const now = Math.floor(Date.now() / 1000);
  const appId = state.application.appId;
  return {
    ver,
    claims: {
      // v2.0 tokens always name the API by its app id; v1.0 ones as the client asked (a URI or the id).
      aud: resource === 'graph' ? GRAPH_RESOURCE : ver === '2.0' ? appId : audience,
      iss: ver === '2.0' ? issuerFor(state, tenantId) : v1IssuerFor(tenantId),
      iat: now,
      nbf: now,
      exp: now + ACCESS_TOKEN_LIFETIME_S,
      tid: tenantId,
      uti: uti(),
      ver,
    } as JWTPayload & Record<string, unknown>,
  };
}

function client(state: EmulatorState, ver: string, auth: ClientAuth) {
  const appId = state.application.appId;
  return ver === '2.0' ? { azp: appId, azpacr: String(auth) } : { appid: appId, appidacr: String(auth) };
}

/** App-only token: `roles` lists the application permissions the tenant has consented to. */
export async function appOnlyToken(
  state: EmulatorState,
  tenant: Tenant,
  request: ScopeRequest,
  auth: ClientAuth,
) {
  const sp = servicePrincipalId(tenant.id, state.application.appId);
  const roles = request.resource === 'graph' ? grantedAppRoles(state, tenant.id) : [];
  const { ver, claims } = envelope(state, tenant.id, request.resource, request.audience);
  const token = {
    ...claims,
    ...client(state, ver, auth),
    idtyp: 'app',
    oid: sp,
    sub: sp,
    ...(roles.length > 0 ? { roles } : {}),
  };
  return {
    token_type: 'Bearer',
    expires_in: ACCESS_TOKEN_LIFETIME_S,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_S,
    access_token: await state.keys.sign(token),
  };
}

/** What a user token says about who the user is in the tenant: guests, directory roles, app roles. */
function userFacts(
  state: EmulatorState,
  user: DirectoryUser,
  token: 'accessToken' | 'idToken',
  resource: Resource,
) {
  const app = state.application;
  const appRoles = resource === 'api' ? [...(state.appRoleAssignments.get(user.id) ?? [])] : [];
  return {
    ...(appRoles.length > 0 ? { roles: appRoles } : {}),
    ...(emitsDirectoryRoles(app) && user.directoryRoles.length > 0 ? { wids: user.directoryRoles } : {}),
    ...(hasOptionalClaim(app, token, 'acct') ? { acct: user.userType === 'Guest' ? 1 : 0 } : {}),
    // A guest was authenticated by their home organisation (`idp`, access-token-claims-reference.md).
    ...(user.homeTenantId ? { idp: v1IssuerFor(user.homeTenantId) } : {}),
  };
}

const subjectOf = (state: EmulatorState, user: DirectoryUser) =>
  guidFrom('sub', user.id, state.application.appId).replace(/-/g, '').slice(0, 43);

export function userAccessClaims(
  state: EmulatorState,
  user: DirectoryUser,
  request: ScopeRequest,
  scopes: string[],
  auth: ClientAuth,
) {
  const { ver, claims } = envelope(state, user.tenantId, request.resource, request.audience);
  const names =
    ver === '2.0'
      ? { preferred_username: user.userPrincipalName }
      : user.userType === 'Guest'
        ? { unique_name: user.mail, email: user.mail }
        : { upn: user.userPrincipalName, unique_name: user.userPrincipalName };
  return {
    ...claims,
    ...client(state, ver, auth),
    ...(ver === '1.0'
      ? { acr: '1', amr: ['pwd'], given_name: user.givenName, family_name: user.surname, ipaddr: '127.0.0.1' }
      : {}),
    name: user.displayName,
    oid: user.id,
    ...names,
    scp: scopes.join(' '),
    sub: subjectOf(state, user),
    ...userFacts(state, user, 'accessToken', request.resource),
  };
}

/** The token response of every user flow: access token, and id/refresh tokens when asked for. */
export async function userTokenResponse(
  state: EmulatorState,
  p: { user: DirectoryUser; request: ScopeRequest; nonce?: string; clientInfo: boolean; auth: ClientAuth },
) {
  const scopes = delegatedScopes(state, p.request);
  const access = await state.keys.sign(userAccessClaims(state, p.user, p.request, scopes, p.auth));
  const scopeText =
    p.request.resource === 'api' ? scopes.map((s) => `${p.request.audience}/${s}`) : scopes.slice();
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
      clientId: state.application.appId,
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
    aud: state.application.appId,
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
    sub: subjectOf(state, user),
    tid: user.tenantId,
    uti: uti(),
    ver: '2.0',
    ...userFacts(state, user, 'idToken', 'api'),
  });
}
