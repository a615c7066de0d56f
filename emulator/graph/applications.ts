import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { applicationPatch, applyApplicationPatch } from '../control/application';
import type { EntraApplication } from '../entra/application';
import { hasServicePrincipal } from '../entra/grants';
import { servicePrincipalId } from '../entra/tokens';
import type { EmulatorState } from '../state';
import {
  GraphError,
  insufficientPrivileges,
  odataContext,
  requirePermission,
  type GraphResponse,
  type RouteContext,
} from './http';

/**
 * Application management as an administrator's script uses it (microsoft-graph-docs-contrib
 * api-reference/v1.0): `GET|PATCH /applications(uniqueName='…')` with `Prefer: create-if-missing`
 * (application-upsert.md: 201 with the new object, 204 on update, 404 without the header),
 * `GET|PATCH /applications(appId='…')` and `/applications/{id}` (application-get.md,
 * application-update.md), `POST /applications/{id}/addPassword` (application-addpassword.md: the
 * secret is returned only here), certificates through PATCH of `keyCredentials` (keycredential.md:
 * `key` is never returned by GET), `GET /servicePrincipals(appId='…')` and `POST /servicePrincipals`
 * (serviceprincipal-post-serviceprincipals.md). An application is visible only in the tenant that
 * owns it; writing needs Application.ReadWrite.All and an administrator.
 *
 * The emulator's Entra serves one multi-tenant app: creating one takes the place of the earlier.
 */

const READ = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'];
const WRITE = ['Application.ReadWrite.All'];

const notFound = (key: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );

function requireWrite(ctx: RouteContext): void {
  requirePermission(ctx.principal, WRITE, WRITE);
  const user = ctx.principal.userId ? ctx.state.liveUser(ctx.principal.userId) : undefined;
  // A delegated call acts with the signed-in user's own rights (an administrator's here).
  if (ctx.principal.userId && !user?.isAdmin) throw insufficientPrivileges();
}

/** The application object as Graph returns it: credentials without their secrets. */
function present(state: EmulatorState, app: EntraApplication) {
  return {
    '@odata.context': odataContext(state, 'applications/$entity'),
    ...app,
    keyCredentials: app.keyCredentials.map((k) => ({ ...k, key: null })),
    passwordCredentials: app.passwordCredentials.map(({ secretText: _secret, ...p }) => ({
      ...p,
      secretText: null,
    })),
  };
}

/** The tenant's application matching a key segment: `{id}`, `(appId='…')` or `(uniqueName='…')`. */
function find(ctx: RouteContext, kind: 'id' | 'appId' | 'uniqueName', value: string) {
  const { state, principal } = ctx;
  const app = state.application;
  if (state.applicationTenantId !== principal.tenantId) return undefined;
  const field = kind === 'id' ? app.id : kind === 'appId' ? app.appId : app.uniqueName;
  return field !== null && field.toLowerCase() === value.toLowerCase() ? app : undefined;
}

function keyOf(ctx: RouteContext): { kind: 'id' | 'appId' | 'uniqueName'; value: string } {
  const raw = (ctx.params[0] ?? '').replace(/^\//, '');
  const alternate = /^\((appId|uniqueName)='([^']*)'\)$/i.exec(raw);
  if (!alternate) return { kind: 'id', value: raw };
  return { kind: alternate[1]!.toLowerCase() === 'appid' ? 'appId' : 'uniqueName', value: alternate[2]! };
}

function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GraphError(
      400,
      'Request_BadRequest',
      `Invalid value specified for property '${issue?.path.join('.') ?? ''}' of resource 'Application'.`,
    );
  }
  return parsed.data;
}

export function listApplications(ctx: RouteContext): GraphResponse {
  requirePermission(ctx.principal, READ, READ);
  const own = ctx.state.applicationTenantId === ctx.principal.tenantId ? [ctx.state.application] : [];
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx.state, 'applications'),
      value: own.map((a) => {
        const { '@odata.context': _context, ...rest } = present(ctx.state, a);
        return rest;
      }),
    },
  };
}

export function getApplication(ctx: RouteContext): GraphResponse {
  requirePermission(ctx.principal, READ, READ);
  const key = keyOf(ctx);
  const app = find(ctx, key.kind, key.value);
  if (!app) throw notFound(key.value);
  return { status: 200, body: present(ctx.state, app) };
}

const upsertBody = applicationPatch.extend({ displayName: z.string().min(1).max(120) });

export function updateApplication(ctx: RouteContext): GraphResponse {
  requireWrite(ctx);
  const { state, principal, req } = ctx;
  const key = keyOf(ctx);
  const existing = find(ctx, key.kind, key.value);
  if (existing) {
    state.application = applyApplicationPatch(existing, parseBody(applicationPatch, req.body));
    return { status: 204 };
  }
  const createIfMissing = /create-if-missing/i.test(req.headers.prefer ?? '');
  if (key.kind !== 'uniqueName' || !createIfMissing) throw notFound(key.value);
  const patch = parseBody(upsertBody, req.body);
  const created = applyApplicationPatch(blankApplication(key.value, patch.displayName), patch);
  state.replaceApplication(created, principal.tenantId);
  return {
    status: 201,
    headers: { Location: `${state.baseUrl}/v1.0/applications/${created.id}` },
    body: present(state, created),
  };
}

/** What Graph creates from a bare `{displayName}` (application-upsert.md's example response). */
function blankApplication(uniqueName: string, displayName: string): EntraApplication {
  return {
    id: randomUUID(),
    appId: randomUUID(),
    displayName,
    uniqueName,
    signInAudience: 'AzureADMyOrg',
    identifierUris: [],
    api: { requestedAccessTokenVersion: null, oauth2PermissionScopes: [] },
    appRoles: [],
    groupMembershipClaims: null,
    optionalClaims: null,
    requiredResourceAccess: [],
    spa: { redirectUris: [] },
    web: { redirectUris: [] },
    passwordCredentials: [],
    keyCredentials: [],
  };
}

const addPasswordBody = z.object({
  passwordCredential: z
    .object({ displayName: z.string().max(256).nullable().optional(), endDateTime: z.string().optional() })
    .optional(),
});

/** Two years, the default lifetime of a secret added without `endDateTime` (application-addpassword.md). */
const DEFAULT_SECRET_LIFETIME_MS = 2 * 365 * 24 * 3600 * 1000;

export function addPassword(ctx: RouteContext): GraphResponse {
  requireWrite(ctx);
  const key = keyOf(ctx);
  const app = find(ctx, key.kind, key.value);
  if (!app) throw notFound(key.value);
  const body = parseBody(addPasswordBody, ctx.req.body).passwordCredential ?? {};
  const secretText = `emu8Q~${randomBytes(30).toString('base64url')}`;
  const start = new Date();
  const end = body.endDateTime
    ? new Date(body.endDateTime)
    : new Date(start.getTime() + DEFAULT_SECRET_LIFETIME_MS);
  if (Number.isNaN(end.getTime())) throw new GraphError(400, 'Request_BadRequest', 'Invalid endDateTime.');
  const credential = {
    keyId: randomUUID(),
    displayName: body.displayName ?? null,
    hint: secretText.slice(0, 3),
    startDateTime: start.toISOString(),
    endDateTime: end.toISOString(),
    secretText,
  };
  ctx.state.application = { ...app, passwordCredentials: [...app.passwordCredentials, credential] };
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx.state, 'microsoft.graph.passwordCredential'),
      customKeyIdentifier: null,
      ...credential,
    },
  };
}

function servicePrincipalOf(state: EmulatorState, tenantId: string) {
  const app = state.application;
  return {
    id: servicePrincipalId(tenantId, app.appId),
    appId: app.appId,
    displayName: app.displayName,
    appOwnerOrganizationId: state.applicationTenantId,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appRoles: app.appRoles,
    oauth2PermissionScopes: app.api.oauth2PermissionScopes,
  };
}

/** Whether the app has a service principal in the caller's tenant (app ids are global). */
function principalExists(ctx: RouteContext, appId: string): boolean {
  const { state, principal } = ctx;
  if (appId.toLowerCase() !== state.application.appId.toLowerCase()) return false;
  return hasServicePrincipal(state, principal.tenantId);
}

export function getServicePrincipal(ctx: RouteContext): GraphResponse {
  requirePermission(ctx.principal, READ, READ);
  const key = keyOf(ctx);
  if (key.kind !== 'appId' || !principalExists(ctx, key.value)) throw notFound(key.value);
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(ctx.state, 'servicePrincipals/$entity'),
      ...servicePrincipalOf(ctx.state, ctx.principal.tenantId),
    },
  };
}

export function createServicePrincipal(ctx: RouteContext): GraphResponse {
  requireWrite(ctx);
  const { appId } = parseBody(z.object({ appId: z.string() }), ctx.req.body);
  if (appId.toLowerCase() !== ctx.state.application.appId.toLowerCase())
    throw new GraphError(
      400,
      'Request_BadRequest',
      `The appId '${appId}' of the service principal does not reference a valid application object.`,
    );
  if (principalExists(ctx, appId))
    throw new GraphError(
      409,
      'Request_MultipleObjectsWithSameKeyValue',
      'The service principal cannot be created, updated, or restored because the service principal name is already in use.',
    );
  ctx.state.servicePrincipals.add(ctx.principal.tenantId);
  return {
    status: 201,
    body: {
      '@odata.context': odataContext(ctx.state, 'servicePrincipals/$entity'),
      ...servicePrincipalOf(ctx.state, ctx.principal.tenantId),
    },
  };
}
