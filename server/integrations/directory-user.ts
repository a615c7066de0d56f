/**
 * A user of an organisation's directory (an Entra tenant or a Google Workspace), as each
 * provider's directory lists them and as starting an integration needs them.
 */
export interface DirectoryUserRecord {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  /** A B2B guest (`userType: Guest`, UPN with `#EXT#`): their mailbox, if any, is in their own organisation. */
  guest: boolean;
  /** Has at least one licence; members without one have no Exchange Online mailbox, except shared mailboxes. */
  licensed: boolean;
}
