import { Router } from 'express';
import type { Db } from 'mongodb';
import { pingDatabase } from '../db/client';

/** Liveness (the process answers) and readiness (it can reach the database). */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await pingDatabase(db, 2_000);
      res.json({ status: 'ready' });
    } catch (err) {
      req.log.warn({ err }, 'readiness check failed');
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      res.status(503).json({
        error: { code: 'database_unavailable', message: `The database is not reachable: ${reason}` },
      });
    }
  });
  return router;
}
