import type { ServerDeps } from '../deps';
import { describeFailure, type MicrosoftFailure } from '../providers/microsoft/failures';

export interface TenantOrganization {
  id: string;
  displayName: string | null;
  verifiedDomains: string[];
}

/**
 * The tenant's name and verified domains, read with an app-only token (`GET /organization`,
 * Organization.Read.All). That the read works proves a grant of the app in the tenant — never that
 * the tenant belongs to anyone.
 */
export async function readOrganizationOrFailure(
  deps: ServerDeps,
  tenantId: string,
): Promise<TenantOrganization | MicrosoftFailure> {
  try {
    const answer = (await deps.graph
      .interactive(tenantId)
      .api('/organization')
      .select('id,displayName,verifiedDomains')
      .get()) as {
      value?: Array<{ id?: string; displayName?: string; verifiedDomains?: Array<{ name: string }> }>;
    };
    const organization = answer.value?.find((o) => o.id?.toLowerCase() === tenantId);
    if (!organization)
      return {
        source: 'graph',
        httpStatus: 200,
        code: null,
        message: 'Microsoft 365 did not return this directory.',
        retryAfterMs: null,
      };
    return {
      id: tenantId,
      displayName: organization.displayName ?? null,
      verifiedDomains: (organization.verifiedDomains ?? []).map((d) => d.name.toLowerCase()),
    };
  } catch (err) {
    return describeFailure(err);
  }
}

export async function readOrganization(
  deps: ServerDeps,
  tenantId: string,
): Promise<TenantOrganization | null> {
  const result = await readOrganizationOrFailure(deps, tenantId);
  return 'verifiedDomains' in result ? result : null;
}
