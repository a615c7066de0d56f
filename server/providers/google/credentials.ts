import { createPrivateKey, type KeyObject } from 'node:crypto';
import { JWT, type Credentials } from 'google-auth-library';
import { SignJWT } from 'jose';
import type { GoogleSettings, ServiceAccount } from './config';

/**
 * The service account acting as one Workspace user through domain-wide delegation: a JWT signed
 * with the service account's key, naming the user in `sub` and the scopes in `scope`, exchanged
 * at the token endpoint for that user's access token (RFC 7523, Google's "Using OAuth 2.0 for
 * Server to Server Applications"). google-auth-library's JWT client caches and refreshes the
 * token and signs every request; only the exchange is ours, because its built-in one always posts
 * to Google's fixed token URL and the token URL here is configuration.
 */

export const gmailReadScope = 'https://www.googleapis.com/auth/gmail.readonly';
export const directoryUserScope = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
export const directoryDomainScope = 'https://www.googleapis.com/auth/admin.directory.domain.readonly';
/** Every scope a Workspace admin authorizes for the client ID, as the admin pane shows them. */
export const delegatedScopes = [gmailReadScope, directoryUserScope, directoryDomainScope];

/** The token endpoint refused the exchange (e.g. `unauthorized_client`: delegation not authorized). */
export class GoogleTokenError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(`${code}: ${description}`);
    this.name = 'GoogleTokenError';
  }
}

const keys = new WeakMap<ServiceAccount, KeyObject>();
function signingKey(account: ServiceAccount): KeyObject {
  let key = keys.get(account);
  if (!key) {
    key = createPrivateKey(account.privateKey);
    keys.set(account, key);
  }
  return key;
}

export class DelegatedCredentials extends JWT {
  constructor(
    private readonly settings: Pick<GoogleSettings, 'tokenUrl'>,
    private readonly account: ServiceAccount,
    /** The Workspace user acted for (their primary email). */
    readonly user: string,
    private readonly grantedScopes: string[],
  ) {
    super({
      email: account.email,
      key: account.privateKey,
      keyId: account.privateKeyId ?? undefined,
      subject: user,
      scopes: grantedScopes,
      // Node's own fetch: gaxios would otherwise load node-fetch, an ES module, on first use.
      transporterOptions: { fetchImplementation: fetch },
    });
  }

  protected override async refreshTokenNoCache(): Promise<{ tokens: Credentials; res: null }> {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ scope: this.grantedScopes.join(' ') })
      .setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT',
        ...(this.account.privateKeyId ? { kid: this.account.privateKeyId } : {}),
      })
      .setIssuer(this.account.email)
      .setSubject(this.user)
      .setAudience(this.settings.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 3600)
      .sign(signingKey(this.account));
    const response = await fetch(this.settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    };
    if (!response.ok || !body.access_token) {
      throw new GoogleTokenError(
        response.status,
        body.error ?? `http_${response.status}`,
        (body.error_description ?? 'The token endpoint gave no access token.').slice(0, 500),
      );
    }
    const tokens: Credentials = {
      access_token: body.access_token,
      token_type: 'Bearer',
      expiry_date: Date.now() + (body.expires_in ?? 3600) * 1000,
    };
    this.emit('tokens', tokens);
    return { tokens, res: null };
  }
}
