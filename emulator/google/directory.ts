import { Router, type Request, type Response } from 'express';
import type { DirectoryUser, Tenant } from '../scenario/directory';
import type { EmulatorState } from '../state';
import { GoogleApiError, insufficientScopes, invalidArgument, sendGoogleError } from './errors';
import { accessGrantOf, workspaceUser } from './oauth';

/**
 * Admin SDK Directory API (directory_v1): users.list, users.get and domains.list. It answers
 * administrators only ("Not Authorized to access this resource/api" otherwise), and lists users
 * in pages of `maxResults` (default 100, at most 500).
 */

const userScopes = [
  'https://www.googleapis.com/auth/admin.directory.user',
  'https://www.googleapis.com/auth/admin.directory.user.readonly',
];
const domainScopes = [
  'https://www.googleapis.com/auth/admin.directory.domain',
  'https://www.googleapis.com/auth/admin.directory.domain.readonly',
];

function userResource(workspace: Tenant, u: DirectoryUser) {
  return {
    kind: 'admin#directory#user',
    id: u.id,
    primaryEmail: u.mail,
    name: { givenName: u.givenName, familyName: u.surname, fullName: u.displayName },
    isAdmin: u.isAdmin,
    isDelegatedAdmin: false,
    suspended: u.plantedError === 'suspended',
    customerId: workspace.id,
    orgUnitPath: '/',
    isMailboxSetup: u.plantedError !== 'no-gmail',
    creationTime: '2021-04-01T09:00:00.000Z',
  };
}

function caller(state: EmulatorState, req: Request, scopes: string[]) {
  const grant = accessGrantOf(state, req);
  if (!scopes.some((s) => grant.scopes.has(s))) throw insufficientScopes();
  const user = workspaceUser(state, grant.userId)!;
  if (!user.isAdmin) throw new GoogleApiError(403, 'forbidden', 'Not Authorized to access this resource/api');
  const workspace = state.world.workspaces.find((w) => w.id === user.tenantId)!;
  return { user, workspace };
}

function sameCustomer(workspace: Tenant, customer: unknown): boolean {
  return customer === 'my_customer' || customer === workspace.id;
}

export function directoryRoutes(state: EmulatorState): Router {
  const router = Router();
  const handle = (fn: (req: Request) => unknown) => (req: Request, res: Response) => {
    try {
      res.json(fn(req));
    } catch (err) {
      sendGoogleError(res, err);
    }
  };

  router.get(
    '/admin/directory/v1/users',
    handle((req) => {
      const { workspace } = caller(state, req, userScopes);
      const q = req.query as Record<string, string>;
      if (!q.customer && !q.domain) throw invalidArgument('Bad Request');
      if (q.customer && !sameCustomer(workspace, q.customer))
        throw new GoogleApiError(403, 'forbidden', 'Not Authorized to access this resource/api');
      if (q.domain && !workspace.verifiedDomains.includes(q.domain.toLowerCase()))
        throw new GoogleApiError(403, 'forbidden', 'Not Authorized to access this resource/api');
      // The query language's prefix match on names and email (`name:'Jo*'`), the form the product uses.
      const prefix = /^name:'([^'*]*)\*?'$/.exec(q.query ?? '')?.[1]?.toLowerCase() ?? '';
      const users = workspace.users
        .filter(
          (u) =>
            !prefix ||
            [u.givenName, u.surname, u.displayName, u.mail].some((v) => v.toLowerCase().startsWith(prefix)),
        )
        .sort((a, b) => a.mail.localeCompare(b.mail));
      const size = Math.min(Math.max(1, Number(q.maxResults ?? 100) || 100), 500);
      const offset = q.pageToken ? Number(Buffer.from(q.pageToken, 'base64url').toString()) : 0;
      if (!Number.isInteger(offset) || offset < 0) throw invalidArgument('Invalid pageToken');
      const page = users.slice(offset, offset + size);
      return {
        kind: 'admin#directory#users',
        users: page.map((u) => userResource(workspace, u)),
        ...(offset + size < users.length
          ? { nextPageToken: Buffer.from(String(offset + size)).toString('base64url') }
          : {}),
      };
    }),
  );

  router.get(
    '/admin/directory/v1/users/:userKey',
    handle((req) => {
      const { workspace } = caller(state, req, userScopes);
      const user = workspaceUser(state, String(req.params.userKey));
      if (!user || user.tenantId !== workspace.id)
        throw new GoogleApiError(404, 'notFound', 'Resource Not Found: userKey');
      return userResource(workspace, user);
    }),
  );

  router.get(
    '/admin/directory/v1/customer/:customer/domains',
    handle((req) => {
      const { workspace } = caller(state, req, domainScopes);
      if (!sameCustomer(workspace, req.params.customer))
        throw new GoogleApiError(403, 'forbidden', 'Not Authorized to access this resource/api');
      return {
        kind: 'admin#directory#domainsList',
        domains: workspace.verifiedDomains.map((domainName, i) => ({
          kind: 'admin#directory#domains',
          domainName,
          isPrimary: i === 0,
          verified: true,
          creationTime: '1617267600000',
        })),
      };
    }),
  );
  return router;
}
