import type { Config } from '../config';
import { graphDefaultScope } from '../microsoft/app-tokens';

export const consentCallbackPath = '/auth/consent/callback';

/** Entra's v2.0 admin-consent endpoint for one tenant: grants the app's configured application permissions tenant-wide. */
export function adminConsentUrl(config: Config, tenantId: string, state: string): string {
  const url = new URL(`${config.microsoft.authorityHost}/${tenantId}/v2.0/adminconsent`);
  url.searchParams.set('client_id', config.microsoft.clientId);
  url.searchParams.set('scope', graphDefaultScope);
  url.searchParams.set('redirect_uri', `${config.http.publicUrl}${consentCallbackPath}`);
  url.searchParams.set('state', state);
  return url.toString();
}
