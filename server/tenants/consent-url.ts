import type { Config } from '../config';
import { graphDefaultScope } from '../providers/microsoft/app-tokens';
import type { Locale } from './consent-text';

export const consentStartPath = '/auth/consent/start';
export const consentCallbackPath = '/auth/consent/callback';
export const signInCallbackPath = '/auth/consent/signed-in';
export const confirmPath = '/auth/consent/confirm';

/** The link the admin pane opens (in Office's dialog): our own page, which binds the flow to the browser. */
export function consentStartUrl(config: Config, flowId: string): string {
  const url = new URL(`${config.http.publicUrl}${consentStartPath}`);
  url.searchParams.set('flow', flowId);
  return url.toString();
}

/**
 * Entra's v2.0 admin-consent endpoint for one tenant. `/.default` makes it "function like the v1.0
 * admin consent endpoint and request consent for all scopes found in the required permissions
 * (both user and app)" (v2-admin-consent.md): the application permissions and, because the
 * registration lists our own API's scope, the panes' sign-in for every user of the tenant.
 */
export function adminConsentUrl(config: Config, tenantId: string, state: string, locale: Locale): string {
  const url = new URL(`${config.microsoft.authorityHost}/${tenantId}/v2.0/adminconsent`);
  url.searchParams.set('client_id', config.microsoft.clientId);
  url.searchParams.set('scope', graphDefaultScope);
  url.searchParams.set('redirect_uri', `${config.http.publicUrl}${consentCallbackPath}`);
  url.searchParams.set('state', state);
  url.searchParams.set('ui_locales', locale);
  return url.toString();
}

/**
 * The confirming sign-in: authorization code + PKCE against the tenant itself (never
 * `organizations`), so the ID token's `tid` can only be that tenant's (v2-oauth2-auth-code-flow.md).
 */
export function tenantSignInUrl(
  config: Config,
  tenantId: string,
  p: { state: string; nonce: string; codeChallenge: string; locale: Locale },
): string {
  const url = new URL(`${config.microsoft.authorityHost}/${tenantId}/oauth2/v2.0/authorize`);
  url.searchParams.set('client_id', config.microsoft.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('response_mode', 'query');
  url.searchParams.set('redirect_uri', `${config.http.publicUrl}${signInCallbackPath}`);
  url.searchParams.set('scope', 'openid profile');
  url.searchParams.set('state', p.state);
  url.searchParams.set('nonce', p.nonce);
  url.searchParams.set('code_challenge', p.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('ui_locales', p.locale);
  return url.toString();
}
