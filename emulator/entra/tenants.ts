import type { Tenant } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { tenantNotFound } from './errors';

/** `{tenant}` in an Entra path: a tenant GUID, a verified domain, or a multi-tenant alias. */
export type TenantPath =
  { kind: 'tenant'; tenant: Tenant } | { kind: 'multi'; alias: 'common' | 'organizations' };

export function resolveTenantPath(state: EmulatorState, segment: string): TenantPath {
  const lower = segment.toLowerCase();
  if (lower === 'common' || lower === 'organizations') return { kind: 'multi', alias: lower };
  const tenant = state.world.resolveTenant(lower);
  if (!tenant) throw tenantNotFound(segment);
  return { kind: 'tenant', tenant };
}
