import { z } from 'zod';
import { integrationView } from './api';
import { domainName } from './ids';

/**
 * The HTTP API for Google Workspace domains of an organisation (the admin pane's directories
 * section): registering a domain by its admin's Google sign-in, its users and their integrations.
 */

/** Google Workspace customer IDs look like "C01b2c3d4". */
export const googleCustomerId = z
  .string()
  .regex(/^C[0-9A-Za-z]{6,12}$/, 'must be a Google Workspace customer ID');
/** Google user ids are decimal numbers. */
export const googleUserId = z.string().regex(/^\d{1,30}$/, 'must be a Google user id');

export const registerWorkspaceRequest = z.strictObject({ domain: domainName });

export const registerWorkspaceResponse = z.object({
  domain: z.string(),
  /** Google sign-in for the Workspace's admin (hd = the domain); the callback proves admin and delegation. */
  signInUrl: z.string(),
  /** What the admin pastes in the Admin console (Security → API controls → Domain-wide delegation). */
  clientId: z.string(),
  scopes: z.array(z.string()),
});
export type RegisterWorkspaceResponse = z.infer<typeof registerWorkspaceResponse>;

export const workspaceView = z.object({
  id: z.string(),
  primaryDomain: z.string(),
  domains: z.array(z.string()),
  adminEmail: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string(),
  /** Scopes still missing from the domain-wide delegation when last checked (empty: all authorized). */
  missingScopes: z.array(z.string()),
  counts: z.record(z.string(), z.number()),
});
export type WorkspaceView = z.infer<typeof workspaceView>;

export const workspacesResponse = z.object({
  /** Whether the service offers Google Workspace at all (a service account is configured). */
  configured: z.boolean(),
  clientId: z.string().nullable(),
  scopes: z.array(z.string()),
  workspaces: z.array(workspaceView),
});
export type WorkspacesResponse = z.infer<typeof workspacesResponse>;

export const startWorkspaceIntegrationsRequest = z.strictObject({
  userIds: z
    .array(googleUserId)
    .min(1, 'must name at least one user')
    .max(200, 'must name at most 200 users per request'),
  acknowledgeNoDeletion: z.literal(true, {
    error: 'must be true: extracted contact points cannot be deleted, so starting needs that acknowledged',
  }),
});

export const workspaceUsersResponse = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      userPrincipalName: z.string(),
      mail: z.string().nullable(),
      suspended: z.boolean(),
      integration: integrationView.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type WorkspaceUsersResponse = z.infer<typeof workspaceUsersResponse>;

/** POST /api/admin/workspaces/{customerId}/detach: no options; the body must be empty or `{}`. */
export const detachWorkspaceRequest = z.strictObject({});

export const detachWorkspaceResponse = z.object({
  detached: z.literal(true),
  workspace: z.object({ id: z.string(), primaryDomain: z.string() }),
  /** Mailboxes that were being read and are now unlinked. */
  integrationsStopped: z.number(),
});
export type DetachWorkspaceResponse = z.infer<typeof detachWorkspaceResponse>;
