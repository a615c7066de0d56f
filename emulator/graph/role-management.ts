import { GraphError, odataContext, requirePermission, type GraphResponse, type RouteContext } from './http';

/**
 * `GET /roleManagement/directory/roleAssignments?$filter=principalId eq '{id}'` — the directory
 * roles assigned to a principal (microsoft-graph-docs-contrib api-reference/v1.0/api/
 * rbacapplication-list-roleassignments.md). Built-in roles are named by their template id in
 * `roleDefinitionId`; every assignment here is tenant-wide (`directoryScopeId` "/").
 */

const READ_ROLES = [
  'RoleManagement.Read.Directory',
  'RoleManagement.Read.All',
  'Directory.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'Directory.ReadWrite.All',
];

const FILTER = /^\s*(principalId|roleDefinitionId)\s+eq\s+'([0-9a-fA-F-]{36})'\s*$/;

export function listRoleAssignments(ctx: RouteContext): GraphResponse {
  const { state, req, principal } = ctx;
  requirePermission(principal, READ_ROLES, READ_ROLES);
  const raw = req.query.get('$filter');
  const match = raw === null ? null : FILTER.exec(raw);
  if (raw !== null && !match)
    throw new GraphError(
      400,
      'BadRequest',
      `Invalid filter clause: the emulator supports principalId eq and roleDefinitionId eq.`,
    );
  const tenant = state.world.tenant(principal.tenantId)!;
  const assignments = state.liveUsers(tenant).flatMap((user) =>
    user.directoryRoles.map((roleDefinitionId) => ({
      id: `${roleDefinitionId}-${user.id}`,
      principalId: user.id,
      roleDefinitionId,
      directoryScopeId: '/',
      resourceScope: '/',
    })),
  );
  const [, field, value] = match ?? [];
  const value_ = value?.toLowerCase();
  const selected = field ? assignments.filter((a) => a[field as 'principalId'] === value_) : assignments;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(state, 'roleManagement/directory/roleAssignments'),
      value: selected,
    },
  };
}
