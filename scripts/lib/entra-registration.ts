import { randomUUID } from 'node:crypto';
import type { Application, RequiredResourceAccess } from '@microsoft/microsoft-graph-types';
import { adminAppRole, apiScope } from '../../server/auth/token-validator';
import { consentCallbackPath, signInCallbackPath } from '../../server/tenants/consent-url';

/**
 * The app registration exactly as the product needs it, as Microsoft Graph application properties
 * (microsoft-graph-docs-contrib api-reference/v1.0/resources/application.md, apiapplication.md,
 * optionalclaims.md, requiredresourceaccess.md). `entra:register` writes it; `doctor` compares a
 * live registration against it. Ids of scopes and roles already registered are kept, so running
 * the command again changes nothing.
 */

export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/**
 * Microsoft Graph permission ids (concepts/permissions-reference.md). Application permissions, least
 * privilege: the users list, reading mail, verified domains after consent, and admin roles when
 * tokens carry no `wids`. Delegated: the panes' sign-in (User.Read).
 */
export const GRAPH_APPLICATION_PERMISSIONS: Readonly<Record<string, string>> = {
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01',
  'Organization.Read.All': '498476ce-e0fe-48b0-b801-37ba7e2685c6',
  'RoleManagement.Read.Directory': '483bed4a-2ad3-4361-a73b-c83ccdbdc53c',
};
export const GRAPH_DELEGATED_PERMISSIONS: Readonly<Record<string, string>> = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
};

export const DEFAULT_DISPLAY_NAME = 'Smart Activity Management';
/** The upsert key (application-upsert.md): one registration per name, whoever runs the command. */
export const DEFAULT_UNIQUE_NAME = 'smart-activity-management';

export interface RegistrationTarget {
  publicUrl: string;
  displayName: string;
}

export function redirectUris(publicUrl: string): { spa: string[]; web: string[] } {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    // Nested app authentication in Outlook uses brk-multihub://{host of the add-in}.
    spa: [`${base}/addin/auth.html`, `brk-multihub://${new URL(base).host}`],
    web: [`${base}${consentCallbackPath}`, `${base}${signInCallbackPath}`],
  };
}

const idOf = (
  existing: Array<{ id?: string | null; value?: string | null }> | null | undefined,
  value: string,
) => existing?.find((e) => e.value === value)?.id ?? randomUUID();

/**
 * The properties that do not depend on the app id: written by the upsert, so a new registration
 * is right from its first moment apart from its API's identifier and its own scope.
 */
export function baseProperties(target: RegistrationTarget, existing?: Application | null): Application {
  const uris = redirectUris(target.publicUrl);
  return {
    displayName: target.displayName,
    signInAudience: 'AzureADMultipleOrgs',
    groupMembershipClaims: 'DirectoryRole',
    optionalClaims: {
      accessToken: [{ name: 'acct', essential: false, additionalProperties: [] }],
      idToken: [],
      saml2Token: [],
    },
    api: {
      requestedAccessTokenVersion: 2,
      oauth2PermissionScopes: [
        {
          id: idOf(existing?.api?.oauth2PermissionScopes, apiScope),
          value: apiScope,
          type: 'User',
          isEnabled: true,
          adminConsentDisplayName: `Use ${target.displayName} as the signed-in user`,
          adminConsentDescription: `Lets Outlook call ${target.displayName} on behalf of the signed-in user.`,
          userConsentDisplayName: `Use ${target.displayName} as you`,
          userConsentDescription: `Lets Outlook call ${target.displayName} on your behalf.`,
        },
      ],
    },
    appRoles: [
      {
        id: idOf(existing?.appRoles, adminAppRole),
        value: adminAppRole,
        displayName: `${target.displayName} administrator`,
        description: `Administers ${target.displayName} for the organisation.`,
        allowedMemberTypes: ['User'],
        isEnabled: true,
      },
    ],
    spa: { redirectUris: uris.spa },
    web: { redirectUris: uris.web },
  };
}

/** The rest, once the app id is known: the Application ID URI and the permissions incl. our own scope. */
export function appIdProperties(app: Application): Application {
  const scopeId = app.api?.oauth2PermissionScopes?.find((s) => s.value === apiScope)?.id;
  if (!app.appId || !scopeId)
    throw new Error('The registration has no app id or no access_as_user scope yet');
  return {
    identifierUris: [`api://${app.appId}`],
    requiredResourceAccess: requiredResourceAccess(app.appId, scopeId),
  };
}

export function requiredResourceAccess(appId: string, scopeId: string): RequiredResourceAccess[] {
  return [
    {
      resourceAppId: MICROSOFT_GRAPH_APP_ID,
      resourceAccess: [
        ...Object.values(GRAPH_DELEGATED_PERMISSIONS).map((id) => ({ id, type: 'Scope' })),
        ...Object.values(GRAPH_APPLICATION_PERMISSIONS).map((id) => ({ id, type: 'Role' })),
      ],
    },
    // Our own API: with it, tenant-wide admin consent covers everyone's sign-in to the panes.
    { resourceAppId: appId, resourceAccess: [{ id: scopeId, type: 'Scope' }] },
  ];
}

export interface SettingCheck {
  setting: string;
  ok: boolean;
  found: string;
  fix: string;
}

/** Entra matches redirect URIs exactly, except a loopback URI's port (entra-docs reply-url.md). */
function registered(list: string[] | null | undefined, uri: string): boolean {
  const strip = (u: string) => {
    const url = URL.canParse(u) ? new URL(u) : null;
    if (url && ['localhost', '127.0.0.1'].includes(url.hostname)) url.port = '';
    return url?.href ?? u;
  };
  return (list ?? []).some((r) => r === uri || strip(r) === strip(uri));
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));
const show = (v: unknown) => (v === undefined || v === null ? 'not set' : JSON.stringify(v));

/** Each setting of a live registration against what the product needs (`doctor`'s first rows). */
export function checkRegistration(app: Application, publicUrl: string): SettingCheck[] {
  const uris = redirectUris(publicUrl);
  const scope = app.api?.oauth2PermissionScopes?.find((s) => s.value === apiScope);
  const graph = app.requiredResourceAccess?.find((r) => r.resourceAppId === MICROSOFT_GRAPH_APP_ID);
  const roles = (graph?.resourceAccess ?? []).filter((a) => a.type === 'Role').map((a) => a.id ?? '');
  const own = app.requiredResourceAccess?.find((r) => r.resourceAppId === app.appId);
  const fix = 'run `npm run entra:register`';
  const wantedRoles = Object.values(GRAPH_APPLICATION_PERMISSIONS);
  const names = (ids: string[]) =>
    ids.map((id) => Object.entries(GRAPH_APPLICATION_PERMISSIONS).find(([, v]) => v === id)?.[0] ?? id);
  return [
    {
      setting: 'Multitenant (signInAudience)',
      ok: app.signInAudience === 'AzureADMultipleOrgs',
      found: show(app.signInAudience),
      fix: `${fix}, or Authentication → Supported account types: multitenant`,
    },
    {
      setting: 'Application ID URI',
      ok: !!app.identifierUris?.includes(`api://${app.appId}`),
      found: show(app.identifierUris),
      fix: `${fix}, or Expose an API → Application ID URI api://${app.appId}`,
    },
    {
      setting: `Scope ${apiScope}`,
      ok: !!scope?.isEnabled,
      found: scope ? (scope.isEnabled ? 'enabled' : 'disabled') : 'missing',
      fix: `${fix}, or Expose an API → add the scope ${apiScope}`,
    },
    {
      setting: 'Access token version 2',
      ok: app.api?.requestedAccessTokenVersion === 2,
      found: show(app.api?.requestedAccessTokenVersion),
      fix: `${fix}, or Manifest → "requestedAccessTokenVersion": 2`,
    },
    {
      setting: 'groupMembershipClaims (wids)',
      ok: ['DirectoryRole', 'All'].includes(app.groupMembershipClaims ?? ''),
      found: show(app.groupMembershipClaims),
      fix: `${fix}, or Token configuration → Add groups claim → Directory roles`,
    },
    {
      setting: 'Optional claim acct',
      ok: !!app.optionalClaims?.accessToken?.some((c) => c.name === 'acct'),
      found: show(app.optionalClaims?.accessToken?.map((c) => c.name)),
      fix: `${fix}, or Token configuration → Add optional claim → Access → acct`,
    },
    {
      setting: `App role ${adminAppRole}`,
      ok: !!app.appRoles?.some((r) => r.value === adminAppRole && r.isEnabled),
      found: show(app.appRoles?.map((r) => r.value)),
      fix: `${fix}, or App roles → create ${adminAppRole} (members: users)`,
    },
    {
      setting: 'Application permissions (least privilege)',
      ok: sameSet(roles, wantedRoles),
      found: show(names(roles)),
      fix: `${fix}, or API permissions: exactly ${Object.keys(GRAPH_APPLICATION_PERMISSIONS).join(', ')}`,
    },
    {
      setting: `Own API permission ${apiScope}`,
      ok: !!scope && !!own?.resourceAccess?.some((a) => a.id === scope.id && a.type === 'Scope'),
      found: own ? 'listed' : 'missing',
      fix: `${fix}, or API permissions → My APIs → ${apiScope}`,
    },
    {
      setting: 'SPA redirect URIs',
      ok: uris.spa.every((u) => registered(app.spa?.redirectUris, u)),
      found: show(app.spa?.redirectUris),
      fix: `${fix}, or Authentication → Single-page application: ${uris.spa.join(', ')}`,
    },
    {
      setting: 'Web redirect URIs (consent)',
      ok: uris.web.every((u) => registered(app.web?.redirectUris, u)),
      found: show(app.web?.redirectUris),
      fix: `${fix}, or Authentication → Web: ${uris.web.join(', ')}`,
    },
  ];
}
