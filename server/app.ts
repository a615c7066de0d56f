import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import type { Db } from 'mongodb';
import { adminRoutes } from './admin/routes';
import { authenticate } from './auth/middleware';
import { contactRoutes } from './contacts/routes';
import { DirectoryFacts } from './auth/directory-facts';
import { TokenValidator } from './auth/token-validator';
import type { Config } from './config';
import type { ServerDeps } from './deps';
import { errorHandler, notFoundHandler } from './http/errors';
import { addinRoutes } from './http/addin-host';
import { healthRoutes } from './http/health';
import { rateLimits } from './http/rate-limits';
import { rejectOperators } from './http/reject-operators';
import { searchRoutes } from './search/routes';
import { requestContext } from './http/request-context';
import { integrationRoutes } from './integrations/routes';
import type { Logger } from './log';
import { MailTransport } from './mail/transport';
import { meRoutes } from './me/routes';
import { AppTokenProvider } from './providers/microsoft/app-tokens';
import { GraphClients } from './providers/microsoft/graph';
import { lifecyclePath, notificationPath } from './sync/subscriptions';
import { notificationRoutes } from './sync/notification-routes';
import { tenantRoutes } from './tenants/routes';
import { workspaceRoutes } from './workspaces/routes';

/** Builds the API's dependencies from configuration (Microsoft 365 access is reached only through it). */
export function createDeps(config: Config, db: Db, log: Logger): ServerDeps {
  const appTokens = new AppTokenProvider(config.microsoft, log);
  const graph = new GraphClients(config.microsoft, appTokens);
  return {
    config,
    db,
    log,
    graph,
    appTokens,
    tokens: new TokenValidator(config.microsoft),
    directory: new DirectoryFacts(graph, log),
    mail: new MailTransport(config.mail),
  };
}

/** Composes the API from the business components; holds no logic of its own. */
export function createApp(deps: ServerDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind a reverse proxy or load balancer, the client's address comes from the proxies named here.
  app.set('trust proxy', deps.config.trustProxy);
  const limits = rateLimits(deps.db, deps.config, deps.log);
  app.use(requestContext(deps.log));
  app.use(helmet());
  app.use(compression());
  app.use(healthRoutes(deps.db));
  // The add-in's pages get their own headers (Outlook frames them); after helmet, which they override.
  app.use(addinRoutes(deps.config));
  app.use([notificationPath, lifecyclePath], limits.webhooks);
  app.use('/auth', limits.consent);
  app.use('/api', limits.apiByAddress);
  app.use(express.json({ limit: deps.config.http.maxJsonBody }));
  // Graph's notifications carry "@odata.*" keys; their route validates its own input and is the
  // only one before the operator check.
  app.use(notificationRoutes(deps));
  app.use(rejectOperators);

  const tenants = tenantRoutes(deps);
  const workspaces = workspaceRoutes(deps);
  app.use(tenants.browser);
  app.use(workspaces.browser);

  const api = express.Router();
  api.use(authenticate(deps.tokens, deps.directory));
  api.use(limits.apiByUser);
  api.use(meRoutes(deps));
  api.use(tenants.api);
  api.use(integrationRoutes(deps));
  api.use(workspaces.api);
  api.use(adminRoutes(deps));
  api.use(contactRoutes(deps));
  api.use('/search', limits.searchByUser);
  api.use(searchRoutes(deps));
  app.use('/api', api);

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
