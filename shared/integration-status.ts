/**
 * The life cycle of one user's mailbox integration and the error kinds an admin sees
 * (ARCHITECTURE.md §5). Shared so the admin pane and the server speak the same words.
 */
export const integrationStatuses = [
  'queued',
  'syncing',
  'active',
  'authentication_error',
  'unauthorized',
  'linkage_error',
  'unlinked',
] as const;
export type IntegrationStatus = (typeof integrationStatuses)[number];

/** What the admin is told to do about an error, by stable code; texts live in the add-in's resources and the server's email. */
export const errorActions = [
  'assign_exchange_license', // Authentication error: no mailbox
  'check_user_exists', // Authentication error: the account is gone
  'check_application_access_policy', // Unauthorized: RBAC for applications / access policy
  'grant_mail_read_permission', // Unauthorized: Mail.Read missing or revoked
  'grant_admin_consent', // Unauthorized: consent missing or revoked
  'allow_service_ip_addresses', // Unauthorized (network policy): Conditional Access / IP restrictions
  'retry_later_or_contact_support', // Linkage error
] as const;
export type ErrorAction = (typeof errorActions)[number];

export type ErrorKind = 'authentication_error' | 'unauthorized' | 'linkage_error';

export const errorStatuses: ReadonlySet<IntegrationStatus> = new Set([
  'authentication_error',
  'unauthorized',
  'linkage_error',
]);
