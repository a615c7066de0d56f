import type { GraphClients } from '../providers/microsoft/graph';
import { describeFailure } from '../providers/microsoft/failures';
import type { Logger } from '../log';

/** Entra directory roles that count as admins of our product (besides our own app role). */
export const adminDirectoryRoles = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
]);

/**
 * What a user's token may not say and the directory does: whether they hold an admin role, and
 * whether they are a B2B guest. Asked with the app's own token, so it works in tenants that
 * consented to the app; cached per user for a few minutes (a role removed in Entra takes effect
 * within that time), and a failed lookup falls back to the last answer for a day.
 *
 *  - Admin roles: `GET /roleManagement/directory/roleAssignments?$filter=principalId eq '{oid}'`
 *    with `RoleManagement.Read.Directory`, the least-privileged application permission that
 *    returns role template ids (`memberOf` with `User.Read.All` returns directory roles without
 *    their properties). Tenant-wide assignments only (`directoryScopeId` "/").
 *  - Guests: `GET /users/{oid}?$select=userType` with `User.Read.All`.
 */
export class DirectoryFacts {
  private readonly cache = new Map<string, { at: number; value: unknown }>();
  /** Lookups that just failed (say, a tenant that never consented): not asked again for a minute. */
  private readonly failed = new Map<string, number>();

  constructor(
    private readonly graph: GraphClients,
    private readonly log: Logger,
    private readonly ttlMs = 5 * 60_000,
    private readonly staleMs = 24 * 3600_000,
    private readonly maxEntries = 50_000,
  ) {}

  /** Drops what is known about a tenant's users (its consent changed). */
  forgetTenant(tenantId: string): void {
    for (const map of [this.cache, this.failed])
      for (const key of map.keys()) if (key.split('|')[1] === tenantId) map.delete(key);
  }

  /** True/false from the directory; null when the directory could not be asked. */
  isDirectoryAdmin(tenantId: string, userId: string): Promise<boolean | null> {
    return this.cached(`admin|${tenantId}|${userId}`, async () => {
      const answer = (await this.graph
        .interactive(tenantId)
        .api('/roleManagement/directory/roleAssignments')
        .filter(`principalId eq '${userId}'`)
        .select('roleDefinitionId,directoryScopeId')
        .get()) as { value?: Array<{ roleDefinitionId?: string; directoryScopeId?: string }> };
      return (answer.value ?? []).some(
        (a) => adminDirectoryRoles.has(String(a.roleDefinitionId)) && (a.directoryScopeId ?? '/') === '/',
      );
    });
  }

  isGuest(tenantId: string, userId: string): Promise<boolean | null> {
    return this.cached(`guest|${tenantId}|${userId}`, async () => {
      const user = (await this.graph
        .interactive(tenantId)
        .api(`/users/${userId}`)
        .select('userType')
        .get()) as { userType?: string | null };
      return user.userType === 'Guest';
    });
  }

  private async cached(key: string, ask: () => Promise<boolean>): Promise<boolean | null> {
    const known = this.cache.get(key);
    if (known && Date.now() - known.at < this.ttlMs) return known.value as boolean;
    const failedAt = this.failed.get(key);
    if (!known && failedAt !== undefined && Date.now() - failedAt < 60_000) return null;
    try {
      const value = await ask();
      this.cache.delete(key);
      this.cache.set(key, { at: Date.now(), value });
      if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
      return value;
    } catch (err) {
      const failure = describeFailure(err);
      this.log.warn(
        { lookup: key.split('|')[0], code: failure.code, status: failure.httpStatus },
        'directory lookup failed',
      );
      this.failed.delete(key);
      this.failed.set(key, Date.now());
      if (this.failed.size > this.maxEntries) this.failed.delete(this.failed.keys().next().value!);
      return known && Date.now() - known.at < this.staleMs ? (known.value as boolean) : null;
    }
  }
}
