import { OAuth2Client } from 'google-auth-library';
import type { GoogleSettings, ServiceAccount } from './config';
import { DelegatedCredentials, gmailReadScope, GoogleTokenError } from './credentials';

/**
 * Google sign-in (OpenID Connect, authorization-code flow) of a Workspace admin, through
 * google-auth-library's OAuth2Client with every endpoint from configuration. The ID token is
 * verified (signature, audience, issuer, expiry) by the library; `hd` and the nonce by us.
 */

function client(settings: GoogleSettings, redirectUri: string): OAuth2Client {
  const oauth = settings.oauthClient!;
  return new OAuth2Client({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: `${settings.accountsUrl}/o/oauth2/v2/auth`,
      oauth2TokenUrl: settings.tokenUrl,
      oauth2FederatedSignonPemCertsUrl: settings.certsUrl,
    },
    transporterOptions: { fetchImplementation: fetch },
  });
}

export function googleSignInUrl(
  settings: GoogleSettings,
  redirectUri: string,
  request: { state: string; nonce: string; domain: string },
): string {
  return client(settings, redirectUri).generateAuthUrl({
    scope: ['openid', 'email'],
    state: request.state,
    nonce: request.nonce,
    // A hint for the account chooser only: the ID token's hd claim is what is checked.
    hd: request.domain,
    prompt: 'select_account',
  });
}

export interface GoogleIdentity {
  email: string;
  /** The hosted domain of the account's Workspace; absent for consumer accounts. */
  hostedDomain: string | null;
  subject: string;
}

/** Redeems the code and verifies the ID token; throws when anything does not hold. */
export async function redeemSignIn(
  settings: GoogleSettings,
  redirectUri: string,
  code: string,
  nonce: string,
): Promise<GoogleIdentity> {
  const oauth = client(settings, redirectUri);
  const { tokens } = await oauth.getToken(code);
  if (!tokens.id_token) throw new Error('Google returned no ID token');
  const ticket = await oauth.verifyIdToken({
    idToken: tokens.id_token,
    audience: settings.oauthClient!.clientId,
  });
  const claims = ticket.getPayload();
  if (!claims?.email || claims.email_verified !== true)
    throw new Error('the Google account has no verified email');
  if (claims.nonce !== nonce) throw new Error('the sign-in answer belongs to another request (nonce)');
  return {
    email: claims.email.toLowerCase(),
    hostedDomain: claims.hd?.toLowerCase() ?? null,
    subject: claims.sub,
  };
}

/** Whether the Workspace authorized our client ID for reading Gmail, asked of the token endpoint alone. */
export async function gmailDelegated(
  settings: GoogleSettings,
  account: ServiceAccount,
  user: string,
): Promise<boolean> {
  try {
    await new DelegatedCredentials(settings, account, user, [gmailReadScope]).getAccessToken();
    return true;
  } catch (err) {
    if (err instanceof GoogleTokenError && err.code === 'unauthorized_client') return false;
    throw err;
  }
}
