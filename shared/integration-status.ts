/**
 * The life cycle of one user's mailbox integration and the error kinds an admin sees
 * (ARCHITECTURE.md §5). The one list of both: the API schema, the server's sync outcome and the
 * add-in's texts all take them from here, so a new kind cannot be missed in one of them.
 */

/**
 * Shown as soon as Microsoft or Google answers so (Authentication error, Unauthorized): retrying
 * changes nothing until someone acts.
 */
export const immediateErrorKinds = ['authentication_error', 'unauthorized'] as const;
export type ImmediateErrorKind = (typeof immediateErrorKinds)[number];

/** Shown only once a failure has lasted over the retry budget (Linkage error). */
export const persistentErrorKind = 'linkage_error';

/** The three error kinds the product promises (ARCHITECTURE.md §1), in the order they are shown. */
export const errorKinds = [...immediateErrorKinds, persistentErrorKind] as const;
export type ErrorKind = (typeof errorKinds)[number];

/** The normal life cycle before and after the error kinds. */
export const inProgressStatuses = ['queued', 'syncing'] as const;

export const integrationStatuses = [...inProgressStatuses, 'active', ...errorKinds, 'unlinked'] as const;
export type IntegrationStatus = (typeof integrationStatuses)[number];

/** What the admin is told to do about an error, by stable code; texts live in the add-in's resources and the server's email. */
export const errorActions = [
  'assign_exchange_license', // Authentication error: no mailbox
  'check_user_exists', // Authentication error: the account is gone
  'check_application_access_policy', // Unauthorized: RBAC for applications / access policy
  'grant_mail_read_permission', // Unauthorized: Mail.Read missing or revoked
  'grant_admin_consent', // Unauthorized: consent missing or revoked
  'allow_service_ip_addresses', // Unauthorized (network policy): Conditional Access / IP restrictions
  'enable_gmail_service', // Authentication error: Gmail is off for this Google Workspace user
  'authorize_domain_wide_delegation', // Unauthorized: the Workspace admin has not authorized our client ID for the scopes
  'retry_later_or_contact_support', // Linkage error
] as const;
export type ErrorAction = (typeof errorActions)[number];

export const errorStatuses: ReadonlySet<IntegrationStatus> = new Set<IntegrationStatus>(errorKinds);

/** Queued or syncing: the admin pane refreshes itself while any integration is in one of these. */
export const inProgress: ReadonlySet<IntegrationStatus> = new Set<IntegrationStatus>(inProgressStatuses);

export function isErrorKind(status: IntegrationStatus | null | undefined): status is ErrorKind {
  return status != null && errorStatuses.has(status);
}

export function isImmediateErrorKind(kind: string): kind is ImmediateErrorKind {
  return (immediateErrorKinds as readonly string[]).includes(kind);
}
