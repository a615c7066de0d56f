import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import type { Config } from '../config';
import type { Logger } from '../log';

/** The scope for app-only Graph tokens: whatever application permissions the tenant consented to. */
export const graphDefaultScope = 'https://graph.microsoft.com/.default';

/**
 * App-only (client credentials) tokens for Microsoft Graph, one confidential client per tenant
 * authority so each tenant has its own token cache. msal-node returns a cached token until shortly
 * before it expires, so callers simply ask for a token before every request.
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

  private client(tenantId: string): ConfidentialClientApplication {
    let client = this.clients.get(tenantId);
    if (!client) {
      const authorityHost = new URL(this.microsoft.authorityHost);
      client = new ConfidentialClientApplication({
        auth: {
          clientId: this.microsoft.clientId,
          clientSecret: this.microsoft.clientSecret,
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
      });
      this.clients.set(tenantId, client);
    }
    return client;
  }
}
