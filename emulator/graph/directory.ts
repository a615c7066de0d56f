import type { User, Organization } from '@microsoft/microsoft-graph-types';
import type { DirectoryUser } from '../scenario/directory';
import { decodeToken, encodeToken, parseDirectoryFilter, parseSelect, parseTop } from './odata';
import { GraphError, odataContext, requirePermission, type GraphResponse, type RouteContext } from './http';

/** Directory reads: GET /users, GET /users/{id | userPrincipalName}, GET /organization. */

const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;
const USER_PROPERTIES = [
  ...DEFAULT_USER_PROPERTIES,
  'accountEnabled',
  'department',
  'companyName',
  'usageLocation',
  'userType',
  'proxyAddresses',
  'assignedLicenses',
];

/** Office 365 E3, which includes Exchange Online (Plan 2): what licensed colleagues have. */
const OFFICE_365_E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const USER_READ_ROLES = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'];
const USER_READ_SCOPES = ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'];

export function userJson(user: DirectoryUser, companyName: string, select: string[] | null): User {
  const full: Record<string, unknown> = {
    businessPhones: user.businessPhones,
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: user.mobilePhone,
    officeLocation: user.officeLocation,
    preferredLanguage: user.preferredLanguage,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: true,
    department: user.department,
    companyName: user.userType === 'Guest' ? null : companyName,
    usageLocation: user.preferredLanguage === 'ja-JP' ? 'JP' : 'US',
    userType: user.userType,
    proxyAddresses: [`SMTP:${user.mail}`],
    assignedLicenses: user.licensed ? [{ disabledPlans: [], skuId: OFFICE_365_E3 }] : [],
  };
  const props = select ?? DEFAULT_USER_PROPERTIES;
  return Object.fromEntries(props.map((p) => [p, full[p] ?? null])) as User;
}

const badProperty = (p: string) =>
  new GraphError(
    400,
    'Request_BadRequest',
    `Could not find a property named '${p}' on type 'microsoft.graph.user'.`,
  );

export function listUsers(ctx: RouteContext): GraphResponse {
  const { state, req, principal } = ctx;
  requirePermission(principal, USER_READ_ROLES, USER_READ_SCOPES);
  const tenant = state.world.tenant(principal.tenantId)!;
  const select = parseSelect(req.query.get('$select'), USER_PROPERTIES, badProperty);
  const top = parseTop(req.query.get('$top'), 999, 'Request_BadRequest') ?? 100;
  const filter = parseDirectoryFilter(req.query.get('$filter'), [
    'displayName',
    'mail',
    'userPrincipalName',
    'givenName',
    'surname',
    'id',
  ]);
  const skip = req.query.get('$skiptoken');
  const offset = skip ? decodeToken<{ o: number }>(skip, 'skip token').o : 0;
  const users = state
    .liveUsers(tenant)
    .filter((u) => !filter || filter(u as unknown as Record<string, unknown>));
  const page = users.slice(offset, offset + top).map((u) => userJson(u, tenant.displayName, select));
  const next = new URLSearchParams(req.query);
  next.set('$skiptoken', encodeToken({ o: offset + top }));
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(state, select ? `users(${select.join(',')})` : 'users'),
      ...(offset + top < users.length
        ? { '@odata.nextLink': `${state.baseUrl}/v1.0/users?${next.toString()}` }
        : {}),
      value: page,
    },
  };
}

export function getUser(ctx: RouteContext): GraphResponse {
  const { state, req, principal, user } = ctx;
  if (principal.userId !== user.id) requirePermission(principal, USER_READ_ROLES, USER_READ_SCOPES);
  else requirePermission(principal, USER_READ_ROLES, ['User.Read', ...USER_READ_SCOPES]);
  const select = parseSelect(req.query.get('$select'), USER_PROPERTIES, badProperty);
  const tenant = state.world.tenant(user.tenantId)!;
  return {
    status: 200,
    body: {
      '@odata.context': odataContext(state, select ? `users(${select.join(',')})/$entity` : 'users/$entity'),
      ...userJson(user, tenant.displayName, select),
    },
  };
}

export function getOrganization(ctx: RouteContext): GraphResponse {
  const { state, principal } = ctx;
  requirePermission(
    principal,
    ['Organization.Read.All', 'Directory.Read.All'],
    ['User.Read', 'Organization.Read.All'],
  );
  const tenant = state.world.tenant(principal.tenantId)!;
  const organization: Organization = {
    id: tenant.id,
    displayName: tenant.displayName,
    countryLetterCode: tenant.countryLetterCode,
    preferredLanguage: tenant.countryLetterCode === 'JP' ? 'ja' : 'en',
    tenantType: 'AAD',
    createdDateTime: '2019-04-01T09:00:00Z',
    verifiedDomains: tenant.verifiedDomains.map((name, i) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      isDefault: i === 0,
      isInitial: name.endsWith('.onmicrosoft.com'),
      name,
      type: 'Managed',
    })),
  };
  return {
    status: 200,
    body: { '@odata.context': odataContext(state, 'organization'), value: [organization] },
  };
}
