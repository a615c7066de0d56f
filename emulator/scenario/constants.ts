/**
 * Fixed identifiers of the emulated world. They never depend on the seed, so product
 * configuration (.env, test fixtures) can name them; only mailbox content varies with the seed.
 */

export const CONTOSO_TENANT_ID = '2f8c6a1e-4b7d-4e3a-9c15-7d0b3e6f8a21';
export const CONTOSO_JAPAN_TENANT_ID = '8b3e5d27-1a6c-4f90-b2d4-5e9a0c7f1b63';
export const FABRIKAM_TENANT_ID = 'c4a91f08-6e2b-4d57-8a3f-1b7c9d2e5f40';

/** Google Workspace customer First Up Consultants (its Gmail side): customer ID and primary domain. */
export const FIRSTUP_CUSTOMER_ID = 'C03f1r5tu';
export const FIRSTUP_DOMAIN = 'firstupconsultants.com';

/** The one multi-tenant app registration ("Smart Activity Management") known to the emulator. */
export const DEMO_APP_CLIENT_ID = '6f1d9c3a-8e24-4b7f-a5c0-3d9e2b1f7a84';
export const DEMO_APP_NAME = 'Smart Activity Management';
export const DEMO_APP_ROLE_ADMIN = 'SmartActivity.Admin';
export const DEMO_API_SCOPE_NAME = 'access_as_user';

/** Microsoft Graph's own application id; Graph tokens may name it instead of the URI. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/**
 * Microsoft Graph Command Line Tools: Microsoft's first-party public client (the one Microsoft
 * Graph PowerShell signs in with), used by `entra:register` and `doctor` to manage the app registration.
 */
export const GRAPH_COMMAND_LINE_TOOLS_APP_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/** Entra built-in role template ids (appear in `wids` and as roleDefinitionId of role assignments). */
export const GLOBAL_ADMIN_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
export const EXCHANGE_ADMIN_ROLE_ID = '29232cdf-9323-42fd-ade2-1d097af3e4de';

/**
 * Application permissions the app requests and an admin grants with tenant-wide consent.
 * Organization.Read.All is there because Graph's GET /organization needs it for app-only calls
 * (User.Read.All is not enough), and the product reads verified domains after consent;
 * RoleManagement.Read.Directory names a user's directory roles when tokens carry no `wids`. No
 * Mail.Send: the product sends its own emails through its own mail relay.
 */
export const APPLICATION_PERMISSIONS: ReadonlyArray<{ value: string; description: string }> = [
  { value: 'User.Read.All', description: "Read all users' full profiles" },
  { value: 'Mail.Read', description: 'Read mail in all mailboxes' },
  { value: 'Organization.Read.All', description: 'Read organization information' },
  { value: 'RoleManagement.Read.Directory', description: 'Read all directory RBAC settings' },
];

/** Delegated Graph permissions the emulated Graph knows (a user token gets them only where a grant covers them). */
export const DELEGATED_GRAPH_SCOPES = ['User.Read', 'User.ReadBasic.All', 'Mail.Read'];

export const DEFAULT_EMULATOR_PORT = 4000;
export const DEFAULT_MESSAGES_PER_USER = 3000;
/**
 * The product's redirect URIs as the README registers them for https://localhost:3000. Entra
 * ignores the port of a loopback redirect URI when matching, so they hold for any local port.
 */
export const DEFAULT_REDIRECT_URIS = {
  spa: ['https://localhost:3000/addin/auth.html', 'brk-multihub://localhost:3000'],
  web: ['https://localhost:3000/auth/consent/callback', 'https://localhost:3000/auth/consent/signed-in'],
};

/** How far back generated mail goes from `now`. */
export const MAILBOX_HISTORY_MS = 2 * 365 * 24 * 3600 * 1000;
