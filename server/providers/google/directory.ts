import { admin, type admin_directory_v1 } from '@googleapis/admin';
import { ApiError } from '../../http/errors';
import type { DirectoryUserRecord } from '../../integrations/directory-user';
import type { GoogleSettings, ServiceAccount } from './config';
import { DelegatedCredentials, directoryDomainScope, directoryUserScope } from './credentials';
import { describeGoogleFailure } from './failures';

/**
 * A Workspace's directory through the Admin SDK Directory API, read as one of its admins (the
 * Directory API answers only administrators) by the service account's domain-wide delegation.
 */

const pageSize = 25;

export interface WorkspaceDirectory {
  customerId: string;
  primaryDomain: string;
  domains: string[];
}

function client(settings: GoogleSettings, account: ServiceAccount, adminEmail: string) {
  const auth = new DelegatedCredentials(settings, account, adminEmail, [
    directoryUserScope,
    directoryDomainScope,
  ]);
  return admin({
    version: 'directory_v1',
    auth,
    ...(settings.apiRootUrl ? { rootUrl: settings.apiRootUrl } : {}),
    retry: false,
    fetchImplementation: fetch,
  });
}

function record(u: admin_directory_v1.Schema$User): DirectoryUserRecord & { suspended: boolean } {
  return {
    id: String(u.id),
    displayName: u.name?.fullName ?? u.primaryEmail ?? String(u.id),
    userPrincipalName: u.primaryEmail ?? '',
    mail: u.primaryEmail ?? null,
    jobTitle: null,
    guest: false,
    // Every Workspace user with Gmail has a mailbox; whether Gmail is on shows only when reading it.
    licensed: true,
    suspended: u.suspended === true,
  };
}

/** Google Workspace answered with an error while serving an admin request. */
export function workspaceUnavailable(err: unknown): ApiError {
  const failure = describeGoogleFailure(err);
  const denied = failure.source === 'token' || failure.httpStatus === 401 || failure.httpStatus === 403;
  return new ApiError(
    denied ? 409 : 502,
    denied ? 'google_workspace_access_denied' : 'google_workspace_unavailable',
    `Google Workspace answered: ${failure.code ? `${failure.code}: ` : ''}${failure.message}`,
  );
}

/**
 * Proves the delegation and the admin at once: acting as `adminEmail`, read that user (must be a
 * Workspace admin) and the customer's domains. Throws what Google answered.
 */
export async function readWorkspaceAsAdmin(
  settings: GoogleSettings,
  account: ServiceAccount,
  adminEmail: string,
): Promise<WorkspaceDirectory & { isAdmin: boolean; userId: string }> {
  const api = client(settings, account, adminEmail);
  const me = (await api.users.get({ userKey: adminEmail, viewType: 'admin_view' })).data;
  const customerId = String(me.customerId ?? '');
  const domains = (await api.domains.list({ customer: 'my_customer' })).data.domains ?? [];
  const verified = domains.filter((d) => d.verified !== false && d.domainName);
  const primary = verified.find((d) => d.isPrimary)?.domainName ?? adminEmail.split('@')[1]!;
  return {
    customerId,
    primaryDomain: primary.toLowerCase(),
    domains: verified.map((d) => d.domainName!.toLowerCase()),
    isAdmin: me.isAdmin === true,
    userId: String(me.id),
  };
}

/** One page of the Workspace's users, optionally those whose name or email starts with `search`. */
export async function listWorkspaceUsers(
  settings: GoogleSettings,
  account: ServiceAccount,
  adminEmail: string,
  search: string,
  pageToken: string | undefined,
): Promise<{ users: Array<DirectoryUserRecord & { suspended: boolean }>; nextPageToken: string | null }> {
  const api = client(settings, account, adminEmail);
  // The Directory API's query language: prefix matches on name and email; quotes escaped.
  const term = search.replace(/['\\]/g, '');
  try {
    const page = await api.users.list({
      customer: 'my_customer',
      maxResults: pageSize,
      orderBy: 'email',
      viewType: 'admin_view',
      ...(term ? { query: `name:'${term}*'` } : {}),
      ...(pageToken ? { pageToken } : {}),
    });
    return { users: (page.data.users ?? []).map(record), nextPageToken: page.data.nextPageToken ?? null };
  } catch (err) {
    throw workspaceUnavailable(err);
  }
}

/** The users named by id, looked up one by one (absent ones map to null). */
export async function lookupWorkspaceUsers(
  settings: GoogleSettings,
  account: ServiceAccount,
  adminEmail: string,
  userIds: string[],
): Promise<Map<string, (DirectoryUserRecord & { suspended: boolean }) | null>> {
  const api = client(settings, account, adminEmail);
  const found = new Map<string, (DirectoryUserRecord & { suspended: boolean }) | null>();
  for (const id of new Set(userIds)) {
    try {
      found.set(id, record((await api.users.get({ userKey: id, viewType: 'admin_view' })).data));
    } catch (err) {
      const failure = describeGoogleFailure(err);
      if (failure.httpStatus === 404) found.set(id, null);
      else throw workspaceUnavailable(err);
    }
  }
  return found;
}
