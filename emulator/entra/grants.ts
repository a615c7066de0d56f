import type { DirectoryUser } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { requiredAppRoles, requiredScopes, type Resource } from './application';
import { EntraError } from './errors';

/**
 * Delegated permission grants (Graph's oauth2PermissionGrant: tenant-wide "AllPrincipals" or one
 * user's "Principal" grant) and the tenant's user-consent policy. A user token is issued only for
 * scopes a grant covers; otherwise the user is asked to consent — which, in a tenant that restricts
 * user consent (the setting Microsoft recommends, configure-user-consent.md), only an administrator
 * can do. OIDC scopes (openid, profile, email, offline_access) are not checked here.
 */

export interface DelegatedGrants {
  /** Per tenant: scopes granted for all users (admin consent). */
  tenantWide: Map<string, Map<Resource, Set<string>>>;
  /** Per user: scopes the user consented to for themselves. */
  perUser: Map<string, Map<Resource, Set<string>>>;
  /** Tenants whose consent policy lets users consent to this app themselves. */
  userConsentAllowed: Set<string>;
}

export const emptyGrants = (): DelegatedGrants => ({
  tenantWide: new Map(),
  perUser: new Map(),
  userConsentAllowed: new Set(),
});

function add(
  map: Map<string, Map<Resource, Set<string>>>,
  key: string,
  resource: Resource,
  scopes: string[],
) {
  const byResource = map.get(key) ?? new Map<Resource, Set<string>>();
  const set = byResource.get(resource) ?? new Set<string>();
  for (const s of scopes) set.add(s.toLowerCase());
  byResource.set(resource, set);
  map.set(key, byResource);
}

/** The scopes of a request no grant covers for this user (empty: a token can be issued). */
export function missingScopes(
  state: EmulatorState,
  user: DirectoryUser,
  resource: Resource,
  scopes: string[],
) {
  const tenant = state.grants.tenantWide.get(user.tenantId)?.get(resource);
  const own = state.grants.perUser.get(user.id)?.get(resource);
  return scopes.filter((s) => !tenant?.has(s.toLowerCase()) && !own?.has(s.toLowerCase()));
}

/** Whether this user may grant the missing scopes themselves (an admin always may, for themselves or all). */
export function mayConsent(state: EmulatorState, user: DirectoryUser): boolean {
  return user.isAdmin || state.grants.userConsentAllowed.has(user.tenantId);
}

export function grantForUser(
  state: EmulatorState,
  user: DirectoryUser,
  resource: Resource,
  scopes: string[],
) {
  add(state.grants.perUser, user.id, resource, scopes);
}

export function grantTenantWide(
  state: EmulatorState,
  tenantId: string,
  resource: Resource,
  scopes: string[],
) {
  add(state.grants.tenantWide, tenantId, resource, scopes);
}

/**
 * Tenant-wide admin consent to `/.default`: every permission the registration lists, application
 * permissions and delegated ones of every resource (v2-admin-consent.md: "request consent for all
 * scopes found in the required permissions (both user and app)").
 */
export function grantAdminConsent(state: EmulatorState, tenantId: string): void {
  state.consent.set(tenantId, 'granted');
  for (const resource of ['graph', 'api'] as const)
    grantTenantWide(state, tenantId, resource, requiredScopes(state.application, resource));
}

/** Removing the app's grants in a tenant (the admin revokes consent in Enterprise applications). */
export function revokeAdminConsent(state: EmulatorState, tenantId: string): void {
  if (state.consentOf(tenantId) !== 'never') state.consent.set(tenantId, 'revoked');
  state.grants.tenantWide.delete(tenantId);
}

/** The app has a service principal in a tenant once anyone there consented to anything, or it was created. */
export function hasServicePrincipal(state: EmulatorState, tenantId: string): boolean {
  if (state.servicePrincipals.has(tenantId)) return true;
  if (state.consentOf(tenantId) !== 'never' || state.grants.tenantWide.has(tenantId)) return true;
  const tenant = state.world.tenant(tenantId);
  return !!tenant?.users.some((u) => state.grants.perUser.has(u.id));
}

/** The application permissions an app-only Graph token of this tenant carries. */
export function grantedAppRoles(state: EmulatorState, tenantId: string): string[] {
  return state.consentOf(tenantId) === 'granted' ? requiredAppRoles(state.application) : [];
}

/** AADSTS65001, as the token endpoint answers a grant nobody consented to (reference-error-codes.md). */
export const consentMissing = (state: EmulatorState) =>
  new EntraError(
    400,
    'invalid_grant',
    65001,
    `The user or administrator has not consented to use the application with ID '${state.application.appId}' named '${state.application.displayName}'. Send an interactive authorization request for this user and resource.`,
  );

/** Throws AADSTS65001 unless grants cover the request (token endpoint: no one can be asked here). */
export function requireGrant(
  state: EmulatorState,
  user: DirectoryUser,
  resource: Resource,
  scopes: string[],
) {
  if (missingScopes(state, user, resource, scopes).length > 0) throw consentMissing(state);
}
