import {
  DELEGATED_GRAPH_SCOPES,
  DEMO_API_SCOPE_NAME,
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
} from '../scenario/constants';
import { EntraError } from './errors';

/**
 * Splits a v2.0 `scope` parameter into OIDC scopes and the scopes of one resource, as Entra
 * does: a token is for exactly one resource (Graph or the app's own API).
 */

export const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export interface ScopeRequest {
  oidc: string[];
  resource: 'graph' | 'api';
  /** Short names: `User.Read`, `access_as_user`, or `.default`. */
  scopes: string[];
}

export function parseScopes(scope: string | undefined, clientId: string, tenantName: string): ScopeRequest {
  const requested = (scope ?? '').split(/\s+/).filter(Boolean);
  const oidc: string[] = [];
  const byResource = new Map<'graph' | 'api', string[]>();
  const add = (resource: 'graph' | 'api', name: string) =>
    byResource.set(resource, [...(byResource.get(resource) ?? []), name]);
  for (const s of requested) {
    const lower = s.toLowerCase();
    if (OIDC_SCOPES.includes(lower)) {
      oidc.push(lower);
    } else if (lower.startsWith(`${GRAPH_RESOURCE}/`) || lower.startsWith(`${GRAPH_APP_ID}/`)) {
      add('graph', s.slice(s.indexOf('/', 8) + 1));
    } else if (lower.startsWith(`api://${clientId}/`) || lower.startsWith(`${clientId}/`)) {
      add('api', s.slice(s.lastIndexOf('/') + 1));
    } else if (!s.includes('/')) {
      add('graph', s);
    } else {
      throw new EntraError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${s.slice(0, s.lastIndexOf('/'))} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
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
  const [resource, scopes] = [...byResource.entries()][0] ?? ['graph', ['User.Read']];
  const known =
    resource === 'graph' ? [...DELEGATED_GRAPH_SCOPES, '.default'] : [DEMO_API_SCOPE_NAME, '.default'];
  for (const s of scopes) {
    if (!known.some((k) => k.toLowerCase() === s.toLowerCase())) {
      throw new EntraError(
        400,
        'invalid_scope',
        65005,
        `The application '${clientId}' asked for scope '${s}' that doesn't exist on the resource. Contact the app vendor.`,
      );
    }
  }
  return { oidc, resource, scopes };
}

/** Delegated permissions granted for a request (`.default` = what the app registration lists). */
export function delegatedScopes(request: ScopeRequest): string[] {
  if (request.resource === 'api') return [DEMO_API_SCOPE_NAME];
  const names = request.scopes.flatMap((s) => (s === '.default' ? ['User.Read'] : [s]));
  return [
    ...new Set(names.map((s) => DELEGATED_GRAPH_SCOPES.find((k) => k.toLowerCase() === s.toLowerCase())!)),
  ];
}
