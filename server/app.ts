import express from 'express';
import helmet from 'helmet';
import type { Db } from 'mongodb';
import type { Config } from './config';
import { errorHandler, notFoundHandler } from './http/errors';
import { healthRoutes } from './http/health';
import { rejectOperators } from './http/reject-operators';
import { requestContext } from './http/request-context';
import type { Logger } from './log';

export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
}

/** Composes the API from the business components; holds no logic of its own. */
export function createApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext(ctx.log));
  app.use(helmet());
  app.use(healthRoutes(ctx.db));
  app.use(express.json({ limit: ctx.config.http.maxJsonBody }));
  app.use(rejectOperators);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
