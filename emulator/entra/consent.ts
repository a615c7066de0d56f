import express, { Router, type Request, type Response } from 'express';
import { APPLICATION_PERMISSIONS, GRAPH_RESOURCE } from '../scenario/constants';
import type { EmulatorState } from '../state';
import { requiredAppRoles, requiredScopes } from './application';
import type { EntraError } from './errors';
import { grantAdminConsent, grantTenantWide } from './grants';
import { checkCredentials, renderSignIn, respondToClient, sessionUser, startSession } from './interaction';
import { parseScopes } from './scopes';
import { consentPage, errorPage, needsAdminPage } from './pages';
import { resolveTenantPath, type TenantPath } from './tenants';

/**
 * Tenant-wide admin consent: `/{tenant}/adminconsent` and `/{tenant}/v2.0/adminconsent`
 * (v2-admin-consent.md). Only an administrator of the tenant being consented can accept; with
 * `/.default` the consent covers every permission the registration lists, application and
 * delegated, of every resource (the app's own API included); Cancel redirects with
 * `error=access_denied` yet keeps `admin_consent=True`, exactly as Entra does. Signing in here
 * starts an Entra session in the browser, as any sign-in does.
 */

type Query = Record<string, string | undefined>;

interface ConsentRequest {
  path: TenantPath;
  query: Query;
  redirectUri: string;
}

function validate(state: EmulatorState, tenant: string, query: Query): ConsentRequest | { page: string } {
  let path: TenantPath;
  try {
    path = resolveTenantPath(state, tenant);
  } catch (err) {
    const e = err as EntraError;
    return { page: errorPage(e.code, e.description) };
  }
  if (query.client_id !== state.application.appId) {
    return {
      page: errorPage(
        700016,
        `Application with identifier '${query.client_id ?? ''}' was not found in the directory '${path.kind === 'tenant' ? path.tenant.displayName : path.alias}'.`,
      ),
    };
  }
  const redirectUri = query.redirect_uri ?? '';
  if (!state.redirectPlatform(redirectUri)) {
    return {
      page: errorPage(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${state.application.appId}'.`,
      ),
    };
  }
  return { path, query, redirectUri };
}

const isStatic = (scope: string | undefined) =>
  (scope ?? '').split(/\s+/).some((s) => s.endsWith('/.default'));

/** What the v2.0 endpoint reports as granted: with `/.default`, the app's application permissions on Graph. */
function grantedScope(state: EmulatorState, requested: string | undefined): string | undefined {
  if (requested === undefined) return undefined;
  if (!isStatic(requested)) return requested;
  return requiredAppRoles(state.application)
    .map((p) => `${GRAPH_RESOURCE}/${p}`)
    .join(' ');
}

/** Records the consent: `/.default` grants the whole registration, dynamic scopes only themselves. */
function grant(state: EmulatorState, tenantId: string, scope: string | undefined, tenantName: string): void {
  if (isStatic(scope)) return grantAdminConsent(state, tenantId);
  const request = parseScopes(state, scope, tenantName);
  grantTenantWide(state, tenantId, request.resource, request.scopes);
}

/** What the consent page lists: application permissions, then the delegated ones of each resource. */
function requestedPermissions(state: EmulatorState): Array<{ value: string; description: string }> {
  const app = state.application;
  const described = (value: string) =>
    APPLICATION_PERMISSIONS.find((p) => p.value === value) ?? { value, description: value };
  return [
    ...requiredAppRoles(app).map(described),
    ...requiredScopes(app, 'graph').map((value) => ({
      value,
      description: `${value} (delegated, Microsoft Graph)`,
    })),
    ...requiredScopes(app, 'api').map((value) => ({
      value,
      description: `${value} (delegated, ${app.displayName})`,
    })),
  ];
}

export function consentRoutes(state: EmulatorState): Router {
  const router = Router();
  const paths = ['/:tenant/adminconsent', '/:tenant/v2.0/adminconsent'];
  const signIn = (res: Response, request: ConsentRequest, error?: string) =>
    renderSignIn(state, res, {
      path: request.path,
      heading: 'Sign in',
      explanation: `Sign in with an administrator account${request.path.kind === 'tenant' ? ` of ${request.path.tenant.displayName}` : ''} to grant ${state.application.displayName} access to your organization.`,
      hidden: { q: new URLSearchParams(request.query as Record<string, string>).toString(), step: 'signin' },
      error,
    });

  const get = (req: Request, res: Response) => {
    const request = validate(state, String(req.params.tenant), req.query as Query);
    if ('page' in request) return res.status(400).type('html').send(request.page);
    signIn(res, request);
  };

  const post = (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, string | undefined>;
    const query = Object.fromEntries(new URLSearchParams(body.q ?? '')) as Query;
    const request = validate(state, String(req.params.tenant), query);
    if ('page' in request) return res.status(400).type('html').send(request.page);
    // The Accept/Cancel answer counts only from the browser session that signed in.
    const signedIn = sessionUser(state, req);
    if (body.step === 'consent' && signedIn?.userPrincipalName !== body.username) return signIn(res, request);
    const result = checkCredentials(
      state,
      request.path,
      body.step === 'consent' ? { username: body.username } : body,
    );
    if ('error' in result) return signIn(res, request, result.error);
    const user = result.user;
    const tenant = state.world.tenant(user.tenantId)!;
    if (body.step !== 'consent') startSession(state, res, user);
    if (!user.isAdmin) {
      return res
        .status(200)
        .type('html')
        .send(
          needsAdminPage({ appName: state.application.displayName, tenantName: tenant.displayName, user }),
        );
    }
    if (body.step !== 'consent') {
      return res
        .status(200)
        .type('html')
        .send(
          consentPage({
            appName: state.application.displayName,
            user,
            tenantName: tenant.displayName,
            permissions: requestedPermissions(state),
            hidden: { q: body.q ?? '', step: 'consent', username: user.userPrincipalName },
          }),
        );
    }
    if (body.decision === 'accept') {
      grant(state, tenant.id, query.scope, tenant.displayName);
      return respondToClient(res, request.redirectUri, 'query', {
        admin_consent: 'True',
        tenant: tenant.id,
        state: query.state,
        scope: grantedScope(state, query.scope),
      });
    }
    respondToClient(res, request.redirectUri, 'query', {
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
      admin_consent: 'True',
      tenant: tenant.id,
      state: query.state,
    });
  };

  for (const path of paths) {
    router.get(path, get);
    router.post(path, express.urlencoded({ extended: false }), post);
  }
  return router;
}
