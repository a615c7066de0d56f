import { ConfidentialClientApplication, LogLevel, type Configuration } from '@azure/msal-node';
import type { Config } from '../../config';
import type { Logger } from '../../log';

/** The scope for app-only Graph tokens: whatever application permissions the tenant consented to. */
export const graphDefaultScope = 'https://graph.microsoft.com/.default';

/**
 * App-only (client credentials) tokens for Microsoft Graph, one confidential client per tenant
 * authority so each tenant has its own token cache. msal-node returns a cached token until shortly
 * before it expires, so callers simply ask for a token before every request. The app proves itself
 * with a certificate (a signed client assertion, certificate-credentials.md) or a client secret.
 */
export class AppTokenProvider {
  private readonly clients = new Map<string, ConfidentialClientApplication>();

  constructor(
    private readonly microsoft: Config['microsoft'],
    private readonly log: Logger,
  ) {}

  async getGraphToken(tenantId: string): Promise<string> {
    const result = await this.client(tenantId).acquireTokenByClientCredential({
      scopes: [graphDefaultScope],
    });
    if (!result?.accessToken) throw new Error(`No access token for tenant ${tenantId}`);
    return result.accessToken;
  }

  /**
   * Forgets the tenant's cached app token: after an admin consented, a token issued before it
   * still lacks the new permissions (its `roles` are fixed when it is issued).
   */
  forgetTenant(tenantId: string): void {
    this.clients.delete(tenantId);
  }

  /**
   * Redeems the authorization code of an interactive sign-in to a tenant (code + PKCE, as a
   * confidential client) and returns the raw ID token. A client of its own, so no user's tokens
   * stay in the app-only caches.
   */
  async redeemSignInCode(
    tenantId: string,
    p: { code: string; redirectUri: string; codeVerifier: string; nonce: string },
  ): Promise<string> {
    const client = new ConfidentialClientApplication(this.configuration(tenantId));
    const result = await client.acquireTokenByCode({
      code: p.code,
      redirectUri: p.redirectUri,
      codeVerifier: p.codeVerifier,
      nonce: p.nonce,
      scopes: ['openid', 'profile'],
    });
    if (!result?.idToken) throw new Error('The sign-in returned no ID token');
    return result.idToken;
  }

  private configuration(tenantId: string): Configuration {
    const authorityHost = new URL(this.microsoft.authorityHost);
    const credential = this.microsoft.credential;
    return {
      auth: {
        clientId: this.microsoft.clientId,
        ...(credential.kind === 'certificate'
          ? {
              clientCertificate: {
                thumbprintSha256: credential.thumbprintSha256,
                privateKey: credential.privateKey,
              },
            }
          : { clientSecret: credential.secret }),
        authority: `${this.microsoft.authorityHost}/${tenantId}`,
        knownAuthorities: [authorityHost.host],
      },
      system: {
        loggerOptions: {
          logLevel: LogLevel.Error,
          piiLoggingEnabled: false,
          loggerCallback: (level, message) => {
            if (level <= LogLevel.Error) this.log.error({ tenantId }, `msal: ${message}`);
            else this.log.warn({ tenantId }, `msal: ${message}`);
          },
        },
      },
    };
  }

  private client(tenantId: string): ConfidentialClientApplication {
    let client = this.clients.get(tenantId);
    if (!client) {
      client = new ConfidentialClientApplication(this.configuration(tenantId));
      this.clients.set(tenantId, client);
    }
    return client;
  }
}
