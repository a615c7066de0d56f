import { Router, type Request, type Response } from 'express';
import type { EmulatorState } from '../state';
import { EntraError, sendEntraError } from './errors';
import { resolveTenantPath } from './tenants';

/**
 * OpenID Connect discovery and the signing keys, at Entra's paths. Documents name the tenant
 * GUID where Entra does, and `{tenantid}` in the issuer of the multi-tenant aliases. The v1.0
 * document (`/{tenant}/.well-known/openid-configuration`) names the v1.0 issuer,
 * `https://sts.windows.net/{tenantid}/`; the v2.0 one the v2.0 issuer (access-tokens.md,
 * "Validate the issuer").
 */
export function discoveryRoutes(state: EmulatorState): Router {
  const router = Router();

  const openidConfiguration = (version: '1.0' | '2.0') => (req: Request, res: Response) => {
    let path;
    try {
      path = resolveTenantPath(state, String(req.params.tenant));
    } catch (err) {
      return sendEntraError(res, err as EntraError);
    }
    const base = state.baseUrl;
    const t = path.kind === 'tenant' ? path.tenant.id : path.alias;
    const issuerTenant = path.kind === 'tenant' ? path.tenant.id : '{tenantid}';
    const v1 = version === '1.0';
    res.set('Access-Control-Allow-Origin', '*').json({
      token_endpoint: v1 ? `${base}/${t}/oauth2/token` : `${base}/${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: v1 ? `${base}/common/discovery/keys` : `${base}/${t}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: v1 ? `https://sts.windows.net/${issuerTenant}/` : `${base}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${base}/oidc/userinfo`,
      authorization_endpoint: v1 ? `${base}/${t}/oauth2/authorize` : `${base}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/${t}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/${t}/oauth2/v2.0/logout`,
      claims_supported: [
        'sub',
        'iss',
        'cloud_instance_name',
        'cloud_instance_host_name',
        'cloud_graph_host_name',
        'msgraph_host',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'acr',
        'nonce',
        'preferred_username',
        'name',
        'tid',
        'ver',
        'at_hash',
        'c_hash',
        'email',
      ],
      kerberos_endpoint: `${base}/${t}/kerberos`,
      tenant_region_scope: 'WW',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  };
  router.get('/:tenant/v2.0/.well-known/openid-configuration', openidConfiguration('2.0'));
  router.get('/:tenant/.well-known/openid-configuration', openidConfiguration('1.0'));

  const keys = (req: Request, res: Response) => {
    try {
      resolveTenantPath(state, String(req.params.tenant));
    } catch (err) {
      return sendEntraError(res, err as EntraError);
    }
    res.set('Access-Control-Allow-Origin', '*').json({ keys: [state.keys.publicJwk] });
  };
  router.get('/:tenant/discovery/v2.0/keys', keys);
  router.get('/:tenant/discovery/keys', keys);
  router.get('/common/discovery/instance', (_req, res) => {
    // Answered for completeness; MSAL skips instance discovery when the host is a knownAuthority.
    res.json({
      tenant_discovery_endpoint: `${state.baseUrl}/common/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [],
    });
  });
  return router;
}
