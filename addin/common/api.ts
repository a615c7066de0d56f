import type { z } from 'zod';
import type {
  activityManagementResponse,
  AuditEntry,
  ColleagueResponse,
  CompanyResponse,
  ContactPointsResponse,
  ContactsResponse,
  DetachTenantResponse,
  DirectoryUsersResponse,
  IntegrationView,
  MeResponse,
  RegisterTenantResponse,
  SearchKind,
  SearchResponse,
  SettingsView,
  settingsUpdate,
  startIntegrationOneRequest,
  StartIntegrationsResponse,
  TenantOwnership,
  TenantsResponse,
  TenantView,
} from '../../shared/api';
import type { IntegrationStatus } from '../../shared/integration-status';
import type {
  DetachWorkspaceResponse,
  RegisterWorkspaceResponse,
  WorkspacesResponse,
  WorkspaceUsersResponse,
} from '../../shared/workspaces';

/**
 * Typed calls of the HTTP API (shared/api.ts is the contract; nothing here redefines it).
 * Every call takes an AbortSignal so a pane can drop answers it no longer needs.
 */

export type ActivityManagementResponse = z.infer<typeof activityManagementResponse>;
export type SettingsUpdate = z.input<typeof settingsUpdate>;
/** What starting may confirm besides the no-deletion acknowledgement the client always sends. */
export type StartOptions = Pick<z.input<typeof startIntegrationOneRequest>, 'confirmUnlicensed'>;

/** The API's error answer, `{error:{code,message}}`, with its HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's request id, which its logs carry: what support asks for. */
    readonly requestId: string | null = null,
  ) {
    super(message);
  }
}

/** The request never reached the service (no network, DNS, TLS, server down). */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
  constructor(readonly offline: boolean) {
    super(offline ? 'offline' : 'unreachable');
  }
}

export interface TokenSource {
  /** A bearer token for our API; `fresh` skips any cached one (after a 401). */
  getToken(options?: { fresh?: boolean }): Promise<string>;
}

export interface ApiClient {
  me(signal?: AbortSignal): Promise<MeResponse>;
  registerWorkspace(domain: string, signal?: AbortSignal): Promise<RegisterWorkspaceResponse>;
  workspaces(signal?: AbortSignal): Promise<WorkspacesResponse>;
  workspaceUsers(
    customerId: string,
    query: { cursor?: string | null },
    signal?: AbortSignal,
  ): Promise<WorkspaceUsersResponse>;
  startWorkspaceIntegrations(
    customerId: string,
    userIds: string[],
    signal?: AbortSignal,
  ): Promise<StartIntegrationsResponse>;
  unlinkWorkspaceIntegration(
    customerId: string,
    userId: string,
    signal?: AbortSignal,
  ): Promise<IntegrationView>;
  retryWorkspaceIntegration(
    customerId: string,
    userId: string,
    signal?: AbortSignal,
  ): Promise<IntegrationView>;
  detachWorkspace(customerId: string, signal?: AbortSignal): Promise<DetachWorkspaceResponse>;
  contacts(emails: string[], signal?: AbortSignal): Promise<ContactsResponse>;
  contactPoints(email: string, cursor?: string | null, signal?: AbortSignal): Promise<ContactPointsResponse>;
  company(domain: string, signal?: AbortSignal): Promise<CompanyResponse>;
  search(
    query: { q: string; kind?: SearchKind; cursor?: string | null },
    signal?: AbortSignal,
  ): Promise<SearchResponse>;
  colleague(userId: string, signal?: AbortSignal): Promise<ColleagueResponse>;
  registerTenant(tenantId: string, signal?: AbortSignal): Promise<RegisterTenantResponse>;
  tenants(signal?: AbortSignal): Promise<TenantsResponse>;
  tenant(tenantId: string, signal?: AbortSignal): Promise<TenantView>;
  /** The signed-in admin's own directory: which organisation holds it. */
  ownership(signal?: AbortSignal): Promise<TenantOwnership>;
  detachTenant(organizationId: string, signal?: AbortSignal): Promise<DetachTenantResponse>;
  setActivityManagement(enabled: boolean, signal?: AbortSignal): Promise<ActivityManagementResponse>;
  directoryUsers(
    tenantId: string,
    query: { search?: string; cursor?: string | null },
    signal?: AbortSignal,
  ): Promise<DirectoryUsersResponse>;
  startIntegrations(
    tenantId: string,
    userIds: string[],
    signal?: AbortSignal,
    options?: StartOptions,
  ): Promise<StartIntegrationsResponse>;
  startIntegration(
    tenantId: string,
    userId: string,
    signal?: AbortSignal,
    options?: StartOptions,
  ): Promise<StartIntegrationsResponse['results'][number]>;
  unlinkIntegration(tenantId: string, userId: string, signal?: AbortSignal): Promise<IntegrationView>;
  retryIntegration(tenantId: string, userId: string, signal?: AbortSignal): Promise<IntegrationView>;
  integrations(
    query: { tenantId?: string; status?: IntegrationStatus },
    signal?: AbortSignal,
  ): Promise<{ integrations: IntegrationView[] }>;
  settings(signal?: AbortSignal): Promise<SettingsView>;
  updateSettings(update: SettingsUpdate, signal?: AbortSignal): Promise<SettingsView>;
  audit(
    cursor?: string | null,
    signal?: AbortSignal,
  ): Promise<{ entries: AuditEntry[]; nextCursor: string | null }>;
}

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const s = search.toString();
  return s ? `?${s}` : '';
}

const seg = encodeURIComponent;

export function createApiClient(options: {
  baseUrl: string;
  tokens: TokenSource;
  fetch?: typeof fetch;
  isOnline?: () => boolean;
}): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const isOnline = options.isOnline ?? (() => navigator.onLine);

  async function send(
    method: string,
    path: string,
    signal: AbortSignal | undefined,
    token: string,
    body?: unknown,
  ) {
    try {
      return await doFetch(`${options.baseUrl}${path}`, {
        method,
        signal,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      if ((err as Error)?.name === 'AbortError') throw err;
      throw new UnreachableError(!isOnline());
    }
  }

  async function call<T>(method: string, path: string, signal?: AbortSignal, body?: unknown): Promise<T> {
    let response = await send(method, path, signal, await options.tokens.getToken(), body);
    if (response.status === 401) {
      response = await send(method, path, signal, await options.tokens.getToken({ fresh: true }), body);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; requestId?: string } } | null)
        ?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? (response.statusText || `HTTP ${response.status}`),
        error?.requestId ?? response.headers.get('x-request-id'),
      );
    }
    return parsed as T;
  }

  const admin = (tenantId: string) => `/api/admin/tenants/${seg(tenantId)}`;
  const workspace = (customerId: string) => `/api/admin/workspaces/${seg(customerId)}`;
  return {
    me: (signal) => call('GET', '/api/me', signal),
    registerWorkspace: (domain, signal) => call('POST', '/api/admin/workspaces', signal, { domain }),
    workspaces: (signal) => call('GET', '/api/admin/workspaces', signal),
    workspaceUsers: (customerId, q, signal) =>
      call('GET', `${workspace(customerId)}/users${query({ cursor: q.cursor })}`, signal),
    startWorkspaceIntegrations: (customerId, userIds, signal) =>
      call('POST', `${workspace(customerId)}/integrations`, signal, { userIds, acknowledgeNoDeletion: true }),
    unlinkWorkspaceIntegration: (customerId, userId, signal) =>
      call('POST', `${workspace(customerId)}/integrations/${seg(userId)}/unlink`, signal, {}),
    retryWorkspaceIntegration: (customerId, userId, signal) =>
      call('POST', `${workspace(customerId)}/integrations/${seg(userId)}/retry`, signal, {}),
    detachWorkspace: (customerId, signal) => call('POST', `${workspace(customerId)}/detach`, signal, {}),
    contacts: (emails, signal) => call('GET', `/api/contacts${query({ emails: emails.join(',') })}`, signal),
    contactPoints: (email, cursor, signal) =>
      call('GET', `/api/contacts/${seg(email)}/contact-points${query({ cursor })}`, signal),
    company: (domain, signal) => call('GET', `/api/companies/${seg(domain)}`, signal),
    search: (q, signal) =>
      call('GET', `/api/search${query({ q: q.q, kind: q.kind, cursor: q.cursor })}`, signal),
    colleague: (userId, signal) => call('GET', `/api/colleagues/${seg(userId)}`, signal),
    registerTenant: (tenantId, signal) => call('POST', '/api/admin/tenants', signal, { tenantId }),
    tenants: (signal) => call('GET', '/api/admin/tenants', signal),
    tenant: (tenantId, signal) => call('GET', admin(tenantId), signal),
    ownership: (signal) => call('GET', '/api/tenant/ownership', signal),
    detachTenant: (organizationId, signal) => call('POST', '/api/tenant/detach', signal, { organizationId }),
    setActivityManagement: (enabled, signal) =>
      call('PUT', '/api/admin/activity-management', signal, { enabled }),
    directoryUsers: (tenantId, q, signal) =>
      call('GET', `${admin(tenantId)}/users${query({ search: q.search, cursor: q.cursor })}`, signal),
    startIntegrations: (tenantId, userIds, signal, options = {}) =>
      call('POST', `${admin(tenantId)}/integrations`, signal, {
        userIds,
        acknowledgeNoDeletion: true,
        ...options,
      }),
    startIntegration: (tenantId, userId, signal, options = {}) =>
      call('POST', `${admin(tenantId)}/integrations/${seg(userId)}/start`, signal, {
        acknowledgeNoDeletion: true,
        ...options,
      }),
    unlinkIntegration: (tenantId, userId, signal) =>
      call('POST', `${admin(tenantId)}/integrations/${seg(userId)}/unlink`, signal, {}),
    retryIntegration: (tenantId, userId, signal) =>
      call('POST', `${admin(tenantId)}/integrations/${seg(userId)}/retry`, signal, {}),
    integrations: (q, signal) => call('GET', `/api/admin/integrations${query(q)}`, signal),
    settings: (signal) => call('GET', '/api/admin/settings', signal),
    updateSettings: (update, signal) => call('PUT', '/api/admin/settings', signal, update),
    audit: (cursor, signal) => call('GET', `/api/admin/audit${query({ cursor })}`, signal),
  };
}

/** True for the abort of a request the pane no longer needs (not an error to show). */
export function isAbort(err: unknown): boolean {
  return (err as Error)?.name === 'AbortError';
}
