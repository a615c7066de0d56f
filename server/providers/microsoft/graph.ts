import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { Config } from '../../config';
import type { AppTokenProvider } from './app-tokens';
import { GraphMetricsHandler } from './graph-metrics';

/**
 * Graph clients for one tenant, authenticated with app-only tokens.
 *
 * `interactive` clients serve admin requests and retry throttling a few times with Retry-After,
 * as Microsoft's client does by default. `sync` clients never retry on their own: the sync engine
 * owns retries, backoff and status changes, so it must see every failure.
 */
export class GraphClients {
  constructor(
    private readonly microsoft: Config['microsoft'],
    private readonly tokens: AppTokenProvider,
  ) {}

  interactive(tenantId: string): Client {
    const retry = new RetryHandler(
      new RetryHandlerOptions(2, 2, (_delay, _attempt, _request, _options, response) => {
        return response?.status === 429 || response?.status === 503 || response?.status === 504;
      }),
    );
    return this.build(tenantId, [retry]);
  }

  sync(tenantId: string): Client {
    return this.build(tenantId, []);
  }

  private build(tenantId: string, extra: Middleware[]): Client {
    const auth = new AuthenticationHandler({ getAccessToken: () => this.tokens.getGraphToken(tenantId) });
    const chain: Middleware[] = [auth, ...extra, new GraphMetricsHandler(), new HTTPMessageHandler()];
    for (let i = 0; i < chain.length - 1; i++) chain[i]!.setNext!(chain[i + 1]!);
    return Client.initWithMiddleware({
      middleware: auth,
      baseUrl: `${this.microsoft.graphBaseUrl}/`,
      defaultVersion: 'v1.0',
      // The client attaches tokens only to hosts it knows; national clouds and proxies are such hosts.
      customHosts: new Set([new URL(this.microsoft.graphBaseUrl).hostname]),
    });
  }
}
