import { DELEGATED_GRAPH_SCOPES, GRAPH_APP_ID, GRAPH_RESOURCE } from '../scenario/constants';
import type { EmulatorState } from '../state';
import { apiScopeNames, requiredScopes, type Resource } from './application';
import { EntraError } from './errors';

/**
 * Splits a v2.0 `scope` parameter into OIDC scopes and the scopes of one resource, as Entra
 * does: a token is for exactly one resource (Graph or the app's own API).
 */

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export interface ScopeRequest {
  oidc: string[];
  resource: Resource;
  /** Short names: `User.Read`, `access_as_user`, or `.default`. */
  scopes: string[];
  /** How the client named the resource (a v1.0 token's `aud`): an Application ID URI or the app id. */
  audience: string;
}

export function parseScopes(
  state: EmulatorState,
  scope: string | undefined,
  tenantName: string,
): ScopeRequest {
  const app = state.application;
  const requested = (scope ?? '').split(/\s+/).filter(Boolean);
  const oidc: string[] = [];
  const byResource = new Map<Resource, { names: string[]; audience: string }>();
  const add = (resource: Resource, audience: string, name: string) => {
    const entry = byResource.get(resource) ?? { names: [], audience };
    entry.names.push(name);
    byResource.set(resource, entry);
  };
  const apiUris = [...app.identifierUris, app.appId];
  for (const s of requested) {
    const lower = s.toLowerCase();
    const slash = s.lastIndexOf('/');
    const apiUri = apiUris.find((u) => lower.startsWith(`${u.toLowerCase()}/`) && slash === u.length);
    if (OIDC_SCOPES.includes(lower)) {
      oidc.push(lower);
    } else if (lower.startsWith(`${GRAPH_RESOURCE}/`) || lower.startsWith(`${GRAPH_APP_ID}/`)) {
      add('graph', GRAPH_RESOURCE, s.slice(s.indexOf('/', 8) + 1));
    } else if (apiUri) {
      add('api', apiUri, s.slice(slash + 1));
    } else if (!s.includes('/')) {
      add('graph', GRAPH_RESOURCE, s);
    } else {
      throw new EntraError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${s.slice(0, slash)} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
      );
    }
  }
  if (byResource.size > 1) {
    throw new EntraError(
      400,
      'invalid_scope',
      28000,
      'Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ' +
        `${requested.join(' ')} is not valid.`,
    );
  }
  const [resource, entry] = [...byResource.entries()][0] ?? [
    'graph' as const,
    { names: ['User.Read'], audience: GRAPH_RESOURCE },
  ];
  const known = resource === 'graph' ? DELEGATED_GRAPH_SCOPES : apiScopeNames(app);
  for (const s of entry.names) {
    if (s !== '.default' && !known.some((k) => k.toLowerCase() === s.toLowerCase())) {
      throw new EntraError(
        400,
        'invalid_scope',
        65005,
        `The application '${app.appId}' asked for scope '${s}' that doesn't exist on the resource. Contact the app vendor.`,
      );
    }
  }
  return { oidc, resource, scopes: entry.names, audience: entry.audience };
}

/** Delegated permissions a request asks for (`.default` = what the app registration lists). */
export function delegatedScopes(state: EmulatorState, request: ScopeRequest): string[] {
  const known = request.resource === 'graph' ? DELEGATED_GRAPH_SCOPES : apiScopeNames(state.application);
  const names = request.scopes.flatMap((s) =>
    s === '.default' ? requiredScopes(state.application, request.resource) : [s],
  );
  return [
    ...new Set(
      names
        .map((s) => known.find((k) => k.toLowerCase() === s.toLowerCase()))
        .filter((s): s is string => !!s),
    ),
  ];
}
