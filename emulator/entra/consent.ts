import express, { Router, type Request, type Response } from 'express';
import { APPLICATION_PERMISSIONS, GRAPH_RESOURCE } from '../scenario/constants';
import type { EmulatorState } from '../state';
import type { EntraError } from './errors';
import { checkCredentials, renderSignIn, respondToClient } from './interaction';
import { consentPage, errorPage, needsAdminPage } from './pages';
import { resolveTenantPath, type TenantPath } from './tenants';

/**
 * Tenant-wide admin consent: `/{tenant}/adminconsent` and `/{tenant}/v2.0/adminconsent`. Only an
 * administrator of the tenant being consented can accept; Cancel redirects with
 * `error=access_denied` yet keeps `admin_consent=True`, exactly as Entra does.
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
  if (query.client_id !== state.app.clientId) {
    return {
      page: errorPage(
        700016,
        `Application with identifier '${query.client_id ?? ''}' was not found in the directory '${path.kind === 'tenant' ? path.tenant.displayName : path.alias}'.`,
      ),
    };
  }
  const redirectUri = query.redirect_uri ?? '';
  if (!state.redirectUriAllowed(redirectUri)) {
    return {
      page: errorPage(
        50011,
        `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${state.app.clientId}'.`,
      ),
    };
  }
  return { path, query, redirectUri };
}

/** What the v2.0 endpoint reports as granted: the app's application permissions on Graph. */
function grantedScope(requested: string | undefined): string | undefined {
  if (requested === undefined) return undefined;
  if (!requested.includes('.default')) return requested;
  return APPLICATION_PERMISSIONS.map((p) => `${GRAPH_RESOURCE}/${p.value}`).join(' ');
}

export function consentRoutes(state: EmulatorState): Router {
  const router = Router();
  const paths = ['/:tenant/adminconsent', '/:tenant/v2.0/adminconsent'];
  const signIn = (res: Response, request: ConsentRequest, error?: string) =>
    renderSignIn(state, res, {
      path: request.path,
      heading: 'Sign in',
      explanation: `Sign in with an administrator account${request.path.kind === 'tenant' ? ` of ${request.path.tenant.displayName}` : ''} to grant ${state.app.displayName} access to your organization.`,
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
    const result = checkCredentials(
      state,
      request.path,
      body.step === 'consent' ? { username: body.username } : body,
    );
    if ('error' in result) return signIn(res, request, result.error);
    const user = result.user;
    const tenant = state.world.tenant(user.tenantId)!;
    if (!user.isAdmin) {
      return res
        .status(200)
        .type('html')
        .send(needsAdminPage({ appName: state.app.displayName, tenantName: tenant.displayName, user }));
    }
    if (body.step !== 'consent') {
      return res
        .status(200)
        .type('html')
        .send(
          consentPage({
            appName: state.app.displayName,
            user,
            tenantName: tenant.displayName,
            permissions: APPLICATION_PERMISSIONS,
            hidden: { q: body.q ?? '', step: 'consent', username: user.userPrincipalName },
          }),
        );
    }
    if (body.decision === 'accept') {
      state.consent.set(tenant.id, 'granted');
      return respondToClient(res, request.redirectUri, 'query', {
        admin_consent: 'True',
        tenant: tenant.id,
        state: query.state,
        scope: grantedScope(query.scope),
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
