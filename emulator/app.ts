import express from 'express';
import { controlRoutes } from './control/routes';
import { authorizeRoutes } from './entra/authorize';
import { consentRoutes } from './entra/consent';
import { deviceCodeRoutes } from './entra/device-code';
import { discoveryRoutes } from './entra/discovery';
import { tokenRoutes } from './entra/token-endpoint';
import { graphBodyErrors, graphRoutes } from './graph/router';
import { googleRoutes } from './google/router';
import type { EmulatorState } from './state';

/**
 * One origin, four surfaces: Entra ID at /{tenant}/…, Graph at /v1.0, Google (sign-in at /google,
 * APIs at /gmail/v1, /admin/directory/v1, /batch/gmail/v1), control at /_emulator.
 */
export function createEmulatorApp(state: EmulatorState): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use('/_emulator', controlRoutes(state));
  app.use('/v1.0', graphRoutes(state));
  app.use(googleRoutes(state));
  app.use(graphBodyErrors);
  app.use(discoveryRoutes(state));
  app.use(tokenRoutes(state));
  app.use(deviceCodeRoutes(state));
  app.use(authorizeRoutes(state));
  app.use(consentRoutes(state));
  app.get('/', (_req, res) => {
    res
      .type('text')
      .send(
        `Microsoft 365 emulator. Graph: ${state.baseUrl}/v1.0, control: ${state.baseUrl}/_emulator/scenario`,
      );
  });
  app.use((req, res) => {
    res
      .status(404)
      .json({ error: { code: 'not_found', message: `The emulator has no ${req.method} ${req.path}` } });
  });
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    console.error('emulator: unhandled error', err);
    if (!res.headersSent) res.status(500).json({ error: { code: 'internal_error', message: String(err) } });
  });
  return app;
}
