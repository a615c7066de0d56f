import { Router } from 'express';
import { directoryUsersQuery } from '../../shared/api';
import {
  detachWorkspaceRequest,
  googleCustomerId,
  googleUserId,
  registerWorkspaceRequest,
  startWorkspaceIntegrationsRequest,
} from '../../shared/workspaces';
import { actorOf } from '../audit/log';
import { requireAdmin, requireMember, type Membership } from '../auth/middleware';
import type { ServerDeps } from '../deps';
import { badRequest, conflict, notFound, parseInput } from '../http/errors';
import { retryIntegration, startIntegrations, unlinkIntegration } from '../integrations/lifecycle';
import { integrations, integrationView } from '../integrations/store';
import { integrationsOfUsers } from '../integrations/user-views';
import { delegatedScopes } from '../providers/google/credentials';
import { listWorkspaceUsers, lookupWorkspaceUsers } from '../providers/google/directory';
import { googleSignInUrl } from '../providers/google/sign-in';
import { consentPageCsp } from '../tenants/consent-page';
import { workspaceCallback, workspaceCallbackPath } from './callback';
import { detachWorkspace } from './detach';
import { createWorkspaceSignIn, findWorkspaceSignIn } from './sign-in-requests';
import { workspaces, workspacesOf, workspaceView, type WorkspaceDoc } from './store';

const workspaceSignInPath = '/auth/google/start';

/**
 * The admin API for an organisation's Google Workspaces: register one (its admin signs in with
 * Google), list them with the client ID and scopes to authorize, list a Workspace's users, and
 * start, unlink or retry their mailboxes, and detach a Workspace. The organisation always follows
 * from the caller's token.
 */
export function workspaceRoutes(deps: ServerDeps): { api: Router; browser: Router } {
  const { db, config } = deps;
  const google = config.google;
  const api = Router();
  api.use('/admin/workspaces', requireAdmin, requireMember(db));

  const configured = () => {
    if (!google.serviceAccount || !google.oauthClient)
      throw conflict(
        'google_workspace_not_configured',
        'This service is not set up for Google Workspace (no service account or OAuth client configured).',
      );
    return google.serviceAccount;
  };

  const ownWorkspace = async (membership: Membership, param: unknown): Promise<WorkspaceDoc> => {
    const parsed = googleCustomerId.safeParse(param);
    if (!parsed.success)
      throw badRequest('invalid_customer_id', 'The Google Workspace customer ID is not valid.');
    const workspace = await workspaces(db).findOne({ _id: parsed.data });
    if (!workspace || workspace.orgId !== membership.org._id)
      throw notFound('workspace_not_found', 'No such Google Workspace in your organisation.');
    return workspace;
  };
  const userParam = (param: unknown) => {
    const parsed = googleUserId.safeParse(param);
    if (!parsed.success) throw badRequest('invalid_user_id', 'The Google user id is not valid.');
    return parsed.data;
  };

  api.post('/admin/workspaces', async (req, res) => {
    const { domain } = parseInput(registerWorkspaceRequest, req.body);
    const account = configured();
    const { state } = await createWorkspaceSignIn(db, {
      orgId: req.membership!.org._id,
      domain,
      requestedBy: actorOf(req.principal!),
      ttlMs: config.microsoft.consentStateTtlMs,
    });
    res.json({
      domain,
      // Our own page first (Office dialogs must start on the add-in's domain); it redirects to Google.
      signInUrl: `${config.http.publicUrl}${workspaceSignInPath}?state=${state}`,
      clientId: account.clientId,
      scopes: delegatedScopes,
    });
  });

  api.get('/admin/workspaces', async (req, res) => {
    const orgId = req.membership!.org._id;
    const [all, rows] = await Promise.all([
      workspacesOf(db, orgId),
      integrations(db)
        .aggregate<{ _id: { tenantId: string; status: string }; n: number }>([
          { $match: { orgId, provider: 'google' } },
          { $group: { _id: { tenantId: '$tenantId', status: '$status' }, n: { $sum: 1 } } },
        ])
        .toArray(),
    ]);
    const counts = new Map<string, Record<string, number>>();
    for (const row of rows) {
      const forWorkspace = counts.get(row._id.tenantId) ?? {};
      forWorkspace[row._id.status] = row.n;
      counts.set(row._id.tenantId, forWorkspace);
    }
    res.json({
      configured: !!google.serviceAccount && !!google.oauthClient,
      clientId: google.serviceAccount?.clientId ?? null,
      scopes: delegatedScopes,
      workspaces: all.map((w) => workspaceView(w, counts.get(w._id) ?? {})),
    });
  });

  api.get('/admin/workspaces/:customerId/users', async (req, res) => {
    const workspace = await ownWorkspace(req.membership!, req.params.customerId);
    const query = parseInput(directoryUsersQuery, req.query, 'query');
    const account = configured();
    const page = await listWorkspaceUsers(
      google,
      account,
      workspace.adminEmail,
      query.search ?? '',
      decodeCursor(query.cursor, query.search ?? ''),
    );
    const integrationOf = await integrationsOfUsers(
      db,
      { orgId: workspace.orgId, id: workspace._id },
      page.users.map((u) => u.id),
      req.membership!.org.activityManagement.enabled,
    );
    res.json({
      users: page.users.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        userPrincipalName: u.userPrincipalName,
        mail: u.mail,
        suspended: u.suspended,
        integration: integrationOf(u.id),
      })),
      nextCursor: page.nextPageToken ? encodeCursor(page.nextPageToken, query.search ?? '') : null,
    });
  });

  api.post('/admin/workspaces/:customerId/integrations', async (req, res) => {
    const workspace = await ownWorkspace(req.membership!, req.params.customerId);
    const body = parseInput(startWorkspaceIntegrationsRequest, req.body);
    if (!req.membership!.org.activityManagement.enabled)
      throw conflict(
        'activity_management_disabled',
        'Enable Smart Activity Management before starting users.',
      );
    const users = await lookupWorkspaceUsers(google, configured(), workspace.adminEmail, body.userIds);
    res.json(
      await startIntegrations(db, req.principal!, req.membership!, workspace._id, users, {
        provider: 'google',
      }),
    );
  });

  api.post('/admin/workspaces/:customerId/integrations/:userId/unlink', async (req, res) => {
    const workspace = await ownWorkspace(req.membership!, req.params.customerId);
    const unlinked = await unlinkIntegration(
      db,
      req.principal!,
      req.membership!,
      workspace._id,
      userParam(req.params.userId),
    );
    res.json(integrationView(unlinked, req.membership!.org.activityManagement.enabled));
  });

  api.post('/admin/workspaces/:customerId/integrations/:userId/retry', async (req, res) => {
    const workspace = await ownWorkspace(req.membership!, req.params.customerId);
    if (!req.membership!.org.activityManagement.enabled)
      throw conflict(
        'activity_management_disabled',
        'Enable Smart Activity Management before starting users.',
      );
    res.json(
      await retryIntegration(
        db,
        req.principal!,
        req.membership!,
        workspace._id,
        userParam(req.params.userId),
      ),
    );
  });

  // The organisation's admin takes the Workspace out (the pane asks first); a repeat finds nothing.
  api.post('/admin/workspaces/:customerId/detach', async (req, res) => {
    const workspace = await ownWorkspace(req.membership!, req.params.customerId);
    parseInput(detachWorkspaceRequest, req.body ?? {});
    res.json(await detachWorkspace(db, req.principal!, workspace));
  });

  const browser = Router();
  browser.get(workspaceSignInPath, async (req, res) => {
    const request =
      typeof req.query.state === 'string' ? await findWorkspaceSignIn(db, req.query.state) : null;
    if (!request || !google.oauthClient)
      return res
        .status(400)
        .type('text')
        .send('This sign-in link is not valid any more. Start again from the admin pane.');
    res.redirect(
      302,
      googleSignInUrl(google, `${config.http.publicUrl}${workspaceCallbackPath}`, {
        state: String(req.query.state),
        nonce: request.nonce,
        domain: request.domain,
      }),
    );
  });
  browser.get(
    workspaceCallbackPath,
    (_req, res, next) => {
      res.setHeader('Content-Security-Policy', consentPageCsp);
      res.removeHeader('X-Frame-Options');
      next();
    },
    workspaceCallback(db, config, deps.log),
  );
  return { api, browser };
}

// Cursors carry only Google's page token and the search they belong to.
function encodeCursor(pageToken: string, search: string): string {
  return Buffer.from(JSON.stringify({ t: pageToken, q: search })).toString('base64url');
}

function decodeCursor(cursor: string | undefined, search: string): string | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      t?: unknown;
      q?: unknown;
    };
    if (typeof parsed.t === 'string' && parsed.t.length <= 2048 && parsed.q === search) return parsed.t;
  } catch {
    // fall through
  }
  throw badRequest('invalid_cursor', 'The cursor is not valid for this search.');
}
