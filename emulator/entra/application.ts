import { createHash } from 'node:crypto';
import {
  APPLICATION_PERMISSIONS,
  DEMO_API_SCOPE_NAME,
  DEMO_APP_ROLE_ADMIN,
  GRAPH_APP_ID,
} from '../scenario/constants';
import { guidFrom } from '../scenario/prng';

/**
 * The app registration as Entra keeps it: one *application* object with Microsoft Graph's property
 * names (microsoft-graph-docs-contrib api-reference/v1.0/resources/application.md, apiapplication.md,
 * optionalclaims.md, requiredresourceaccess.md, keycredential.md, passwordcredential.md). Everything
 * the emulator's Entra does for "our" app — token version and claims, redirect URIs, consent,
 * client credentials — is read from this one object, so changing it (the control API today, Graph's
 * /applications later) changes the behaviour the way editing the registration does.
 *
 * It starts as a *fresh* registration set up by hand as the README describes: a multitenant app
 * with its API, app role, permissions, redirect URIs and a secret, but with Entra's defaults
 * everywhere the README's steps do not touch — `api.requestedAccessTokenVersion: null` (v1.0 access
 * tokens), `groupMembershipClaims: null` (no `wids`), no optional claims (no `acct`).
 */

export interface PermissionScope {
  id: string;
  value: string;
  type: 'User' | 'Admin';
  isEnabled: boolean;
  adminConsentDisplayName: string;
  adminConsentDescription: string;
  userConsentDisplayName: string | null;
  userConsentDescription: string | null;
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
  description: string;
  allowedMemberTypes: Array<'User' | 'Application'>;
  isEnabled: boolean;
}

export interface OptionalClaim {
  name: string;
  source: string | null;
  essential: boolean;
  additionalProperties: string[];
}

export interface RequiredResourceAccess {
  resourceAppId: string;
  resourceAccess: Array<{ id: string; type: 'Scope' | 'Role' }>;
}

export interface KeyCredential {
  keyId: string;
  type: 'AsymmetricX509Cert';
  usage: 'Verify';
  /** Base64 of the certificate's DER encoding. */
  key: string;
  /** Base64 of the certificate's SHA-1 hash, as the manifest stores it. */
  customKeyIdentifier: string | null;
  displayName: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
}

export interface PasswordCredential {
  keyId: string;
  displayName: string | null;
  hint: string;
  startDateTime: string;
  endDateTime: string;
  /** Graph returns the secret only once, from addPassword; the emulator keeps it to check requests. */
  secretText: string;
}

export interface EntraApplication {
  id: string;
  appId: string;
  displayName: string;
  /** The client-provided alternate key of Graph's upsert (application-upsert.md); null when never set. */
  uniqueName: string | null;
  signInAudience: 'AzureADMyOrg' | 'AzureADMultipleOrgs';
  identifierUris: string[];
  api: {
    /** null and 1 mean v1.0 access tokens for this API; 2 means v2.0 (apiapplication.md). */
    requestedAccessTokenVersion: 1 | 2 | null;
    oauth2PermissionScopes: PermissionScope[];
  };
  appRoles: AppRole[];
  /** None, SecurityGroup, DirectoryRole, ApplicationGroup or All; `wids` only with DirectoryRole/All. */
  groupMembershipClaims: string | null;
  optionalClaims: {
    accessToken: OptionalClaim[];
    idToken: OptionalClaim[];
    saml2Token: OptionalClaim[];
  } | null;
  requiredResourceAccess: RequiredResourceAccess[];
  spa: { redirectUris: string[] };
  web: { redirectUris: string[] };
  passwordCredentials: PasswordCredential[];
  keyCredentials: KeyCredential[];
}

/** Ids of the Microsoft Graph permissions the product asks for (Graph's permissions reference). */
export const GRAPH_PERMISSION_IDS: Readonly<Record<string, { id: string; type: 'Scope' | 'Role' }>> = {
  'User.Read': { id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' },
  // Delegated: only the dev host reads the signed-in user's own mail with it (Outlook does in production).
  'Mail.Read#delegated': { id: '570282fd-fa5c-430d-a7fd-fc8dc98a9dca', type: 'Scope' },
  'User.Read.All': { id: 'df021288-bdef-4463-88db-98f22de89214', type: 'Role' },
  'Mail.Read': { id: '810c84a8-4a9e-49e6-bf7d-12d183f40d01', type: 'Role' },
  'Organization.Read.All': { id: '498476ce-e0fe-48b0-b801-37ba7e2685c6', type: 'Role' },
  'RoleManagement.Read.Directory': { id: '483bed4a-2ad3-4361-a73b-c83ccdbdc53c', type: 'Role' },
};

const graphPermissionName = (id: string) =>
  Object.entries(GRAPH_PERMISSION_IDS)
    .find(([, p]) => p.id === id)?.[0]
    ?.replace('#delegated', '');

/** The registration the emulator starts with (see the class comment for what "fresh" means). */
export function freshRegistration(p: {
  appId: string;
  displayName: string;
  secret: string;
  redirectUris: { spa: string[]; web: string[] };
}): EntraApplication {
  const scopeId = guidFrom('scope', p.appId, DEMO_API_SCOPE_NAME);
  const roleId = guidFrom('app-role', p.appId, DEMO_APP_ROLE_ADMIN);
  return {
    id: guidFrom('application', p.appId),
    appId: p.appId,
    displayName: p.displayName,
    uniqueName: null,
    signInAudience: 'AzureADMultipleOrgs',
    identifierUris: [`api://${p.appId}`],
    api: {
      requestedAccessTokenVersion: null,
      oauth2PermissionScopes: [
        {
          id: scopeId,
          value: DEMO_API_SCOPE_NAME,
          type: 'User',
          isEnabled: true,
          adminConsentDisplayName: `Use ${p.displayName} as the signed-in user`,
          adminConsentDescription: `Lets Outlook call ${p.displayName} on behalf of the signed-in user.`,
          userConsentDisplayName: `Use ${p.displayName} as you`,
          userConsentDescription: `Lets Outlook call ${p.displayName} on your behalf.`,
        },
      ],
    },
    appRoles: [
      {
        id: roleId,
        value: DEMO_APP_ROLE_ADMIN,
        displayName: 'Smart Activity Management administrator',
        description: 'Administers Smart Activity Management for the organisation.',
        allowedMemberTypes: ['User'],
        isEnabled: true,
      },
    ],
    groupMembershipClaims: null,
    optionalClaims: null,
    requiredResourceAccess: [
      {
        resourceAppId: GRAPH_APP_ID,
        resourceAccess: [
          GRAPH_PERMISSION_IDS['User.Read']!,
          GRAPH_PERMISSION_IDS['Mail.Read#delegated']!,
          ...APPLICATION_PERMISSIONS.map((perm) => GRAPH_PERMISSION_IDS[perm.value]!).filter(Boolean),
        ],
      },
      // The app's own API: with it, tenant-wide admin consent (/.default) covers the panes' sign-in.
      { resourceAppId: p.appId, resourceAccess: [{ id: scopeId, type: 'Scope' }] },
    ],
    spa: { redirectUris: p.redirectUris.spa },
    web: { redirectUris: p.redirectUris.web },
    passwordCredentials: [
      {
        keyId: guidFrom('secret', p.appId),
        displayName: 'emulator',
        hint: p.secret.slice(0, 3),
        startDateTime: new Date(0).toISOString(),
        endDateTime: new Date(Date.UTC(2299, 11, 31)).toISOString(),
        secretText: p.secret,
      },
    ],
    keyCredentials: [],
  };
}

// ---- what the rest of the emulator reads from the registration ----

export type Resource = 'graph' | 'api';

/** v1.0 unless the API asked for v2.0 (access-tokens.md: "null … defaults to v1.0"). Graph's own tokens are v1.0. */
export function accessTokenVersion(app: EntraApplication, resource: Resource): '1.0' | '2.0' {
  return resource === 'api' && app.api.requestedAccessTokenVersion === 2 ? '2.0' : '1.0';
}

/** `wids` is emitted only when groupMembershipClaims asks for directory roles (access-token-claims-reference.md). */
export function emitsDirectoryRoles(app: EntraApplication): boolean {
  return ['DirectoryRole', 'All'].includes(app.groupMembershipClaims ?? '');
}

export function hasOptionalClaim(
  app: EntraApplication,
  token: 'accessToken' | 'idToken',
  name: string,
): boolean {
  return (app.optionalClaims?.[token] ?? []).some((c) => c.name === name);
}

/** The delegated permissions the registration lists for a resource (what `/.default` stands for). */
export function requiredScopes(app: EntraApplication, resource: Resource): string[] {
  const resourceAppId = resource === 'graph' ? GRAPH_APP_ID : app.appId;
  const entry = app.requiredResourceAccess.find((r) => r.resourceAppId === resourceAppId);
  const ids = (entry?.resourceAccess ?? []).filter((a) => a.type === 'Scope').map((a) => a.id);
  if (resource === 'api')
    return app.api.oauth2PermissionScopes.filter((s) => ids.includes(s.id)).map((s) => s.value);
  return ids.map(graphPermissionName).filter((n): n is string => !!n);
}

/** The application permissions (Graph app roles) the registration lists: what admin consent grants. */
export function requiredAppRoles(app: EntraApplication): string[] {
  const entry = app.requiredResourceAccess.find((r) => r.resourceAppId === GRAPH_APP_ID);
  return (entry?.resourceAccess ?? [])
    .filter((a) => a.type === 'Role')
    .map((a) => graphPermissionName(a.id))
    .filter((n): n is string => !!n);
}

export function apiScopeNames(app: EntraApplication): string[] {
  return app.api.oauth2PermissionScopes.filter((s) => s.isEnabled).map((s) => s.value);
}

const loopback = (host: string) => host === 'localhost' || host === '127.0.0.1';

/**
 * Which platform a redirect URI is registered under, or null. The comparison is exact (scheme,
 * host, path — case-sensitive), except that a loopback URI's port is ignored (reply-url.md,
 * "Localhost exceptions", after RFC 8252).
 */
export function redirectUriPlatform(app: EntraApplication, uri: string): 'spa' | 'web' | null {
  const same = (registered: string) => {
    if (registered === uri) return true;
    try {
      const a = new URL(registered);
      const b = new URL(uri);
      if (!loopback(a.hostname) || a.hostname !== b.hostname) return false;
      return a.protocol === b.protocol && a.pathname === b.pathname && a.search === b.search;
    } catch {
      return false;
    }
  };
  if (app.spa.redirectUris.some(same)) return 'spa';
  if (app.web.redirectUris.some(same)) return 'web';
  return null;
}

/** Thumbprints of a registered certificate: SHA-256 (`x5t#S256`) and SHA-1 (`x5t`), base64url. */
export function certificateThumbprints(key: KeyCredential): { sha256: string; sha1: string } {
  const der = Buffer.from(key.key, 'base64');
  return {
    sha256: createHash('sha256').update(der).digest('base64url'),
    sha1: createHash('sha1').update(der).digest('base64url'),
  };
}
